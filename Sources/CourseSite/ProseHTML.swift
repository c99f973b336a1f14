import Lessons

/// Lesson prose as HTML. The blocks come from libcmark through the Lessons parser, which keeps
/// no raw HTML; here every text is escaped and a link may only lead to the web, a mail address or
/// a relative path (what libcmark's safe mode allows), with `.md` links turned into pages.
enum ProseHTML {
    static func render(_ blocks: [ProseBlock]) -> String {
        blocks.map(block).joined(separator: "\n")
    }

    static func block(_ block: ProseBlock) -> String {
        switch block {
        case let .heading(level, spans):
            let n = min(6, max(2, level + 1))
            return "<h\(n)>\(inline(spans))</h\(n)>"
        case let .paragraph(spans):
            return "<p>\(inline(spans))</p>"
        case let .list(ordered, start, items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let body = items.map { "<li>" + render($0) + "</li>" }.joined()
            return "<\(tag)\(startAttribute)>\(body)</\(tag)>"
        case let .quote(blocks):
            return "<blockquote>\(render(blocks))</blockquote>"
        case let .code(language, text):
            return CodeHTML.block(text, language: language)
        case .rule:
            return "<hr>"
        }
    }

    static func inline(_ spans: [Span]) -> String {
        spans.map { span in
            switch span {
            case let .text(s): HTMLText.escape(s)
            case let .emphasis(s): "<em>\(HTMLText.escape(s))</em>"
            case let .strong(s): "<strong>\(HTMLText.escape(s))</strong>"
            case let .code(s): "<code>\(HTMLText.escape(s))</code>"
            case let .link(text, url): link(text: text, url: url)
            case .lineBreak: "<br>"
            }
        }.joined()
    }

    static func link(text: String, url: String) -> String {
        guard let href = safeURL(url) else { return HTMLText.escape(text) }
        return "<a href=\"\(HTMLText.escape(href))\">\(HTMLText.escape(text))</a>"
    }

    /// The URL as the page should link it, or nil for a scheme safe mode refuses.
    static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") {
            return url
        }
        if lower.contains(":") { return nil }
        // A link to another lesson file becomes that lesson's page in the same language.
        var path = url
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        if path.hasSuffix(".md") {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return String(name.dropLast(3)) + ".html" + fragment
        }
        return url
    }
}

/// A code block with a copy button; the text is escaped.
enum CodeHTML {
    static func block(_ text: String, language: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let languageClass = language.isEmpty ? "" : " class=\"language-\(HTMLText.escape(language))\""
        return "<div class=\"code\"><button type=\"button\" class=\"copy\" aria-label=\"copy\">⧉</button>"
            + "<pre><code\(languageClass)>\(HTMLText.escape(body))</code></pre></div>"
    }
}
