/// A step's command as a code block; the text is escaped. The page's script gives it (and every
/// code block libcmark wrote) a copy button.
enum CodeHTML {
    static func block(_ text: String, language: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let languageClass = language.isEmpty ? "" : " class=\"language-\(HTMLText.escape(language))\""
        return "<pre><code\(languageClass)>\(HTMLText.escape(body))</code></pre>"
    }
}

/// Where a link in a lesson leads on the site: a link to another lesson's `.md` file becomes
/// that lesson's page in the same language; anything else is left to libcmark's safe mode.
enum SiteLink {
    static func target(_ url: String) -> String {
        if url.contains(":") || url.hasPrefix("#") { return url }
        var path = url
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        guard path.hasSuffix(".md") else { return url }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return String(name.dropLast(3)) + ".html" + fragment
    }
}
