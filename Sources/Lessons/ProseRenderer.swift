/// Draws lesson prose for a terminal: headings, emphasis, inline code, code blocks, lists,
/// quotes and links, wrapped to a width (Hangul counted as two columns).
public struct ProseRenderer: Sendable {
    public var width: Int
    public var style: TerminalStyle

    public init(width: Int, style: TerminalStyle) {
        self.width = max(20, width)
        self.style = style
    }

    /// The blocks as lines, with a blank line between blocks.
    public func lines(_ blocks: [ProseBlock], indent: Int = 0) -> [String] {
        var out: [String] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { out.append("") }
            out += lines(block, indent: indent)
        }
        return out
    }

    func lines(_ block: ProseBlock, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch block {
        case let .heading(level, spans):
            let text = spans.plain
            let styled = style.heading(level == 1 ? text : text)
            if level <= 2 {
                return [pad + styled, pad + style.dim(String(repeating: level == 1 ? "═" : "─", count: min(width - indent, DisplayWidth.of(text))))]
            }
            return [pad + style.bold(text)]
        case let .paragraph(spans):
            return wrap(spans, first: pad, rest: pad)
        case let .list(ordered, start, items):
            var out: [String] = []
            for (offset, item) in items.enumerated() {
                let marker = ordered ? "\(start + offset). " : "• "
                let hang = String(repeating: " ", count: marker.count)
                var itemLines: [String] = []
                for (blockIndex, inner) in item.enumerated() {
                    if case let .paragraph(spans) = inner {
                        itemLines += wrap(spans, first: pad + (blockIndex == 0 ? marker : hang), rest: pad + hang)
                    } else {
                        itemLines += lines(inner, indent: indent + marker.count)
                    }
                }
                out += itemLines
            }
            return out
        case let .quote(inner):
            let body = ProseRenderer(width: width - 2, style: style).lines(inner, indent: 0)
            return body.map { pad + style.dim("│ ") + style.italic($0) }
        case let .code(_, text):
            return codeLines(text).flatMap { DisplayWidth.hardWrap($0, width: width - indent - 4, indent: "") }
                .map { pad + "    " + style.code($0) }
        case .rule:
            return [pad + style.dim(String(repeating: "─", count: max(4, width - indent)))]
        }
    }

    /// A code block's text as lines, without the final newline.
    func codeLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Word-wraps spans; `first` prefixes the first line and `rest` the others.
    func wrap(_ spans: [Span], first: String, rest: String) -> [String] {
        var words: [(text: String, width: Int, space: Bool)] = []
        var pendingSpace = false
        var lines: [String] = []
        var current = first
        var currentWidth = DisplayWidth.of(first)
        var lineHasWord = false

        func flush() {
            lines.append(current)
            current = rest
            currentWidth = DisplayWidth.of(rest)
            lineHasWord = false
        }
        for span in spans {
            if case .lineBreak = span {
                for w in words { place(w) }
                words = []
                flush()
                pendingSpace = false
                continue
            }
            let raw = span.plain
            let parts = raw.split(separator: " ", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 { pendingSpace = true }
                if part.isEmpty { continue }
                let styled = styledWord(String(part), span)
                words.append((styled, DisplayWidth.of(String(part)), pendingSpace))
                pendingSpace = false
            }
            // A terminal cannot follow a link: its target is shown after the text.
            if case let .link(text, url) = span, url != text, !url.hasPrefix("#") {
                words.append((style.dim("<\(url)>"), DisplayWidth.of(url) + 2, true))
            }
        }
        func place(_ w: (text: String, width: Int, space: Bool)) {
            let needed = (lineHasWord && w.space ? 1 : 0) + w.width
            if lineHasWord && currentWidth + needed > width { flush() }
            if lineHasWord && w.space { current += " "; currentWidth += 1 }
            current += w.text
            currentWidth += w.width
            lineHasWord = true
        }
        for w in words { place(w) }
        if lineHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    func styledWord(_ word: String, _ span: Span) -> String {
        switch span {
        case .text, .lineBreak: word
        case .emphasis: style.italic(word)
        case .strong: style.bold(word)
        case .code: style.code(word)
        case .link: style.underline(word)
        }
    }

    /// Link targets of a paragraph, listed after it so a terminal reader can follow them.
    static func linkTargets(_ spans: [Span]) -> [String] {
        spans.compactMap { if case let .link(_, url) = $0 { url } else { nil } }
    }
}
