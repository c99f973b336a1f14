/// Small checks over built HTML: the links and assets a page points at, and whether its tags balance.
enum HTMLChecks {
    static let voidElements: Set<String> = ["meta", "link", "br", "hr", "img", "input", "source", "wbr", "area", "base", "col", "embed", "track"]

    /// The values of every `href="…"` and `src="…"` attribute.
    static func references(_ html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = Substring(html)
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                found.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return found
    }

    /// The first problem with the page's tag nesting, or nil when every element closes in order.
    static func tagProblem(_ html: String) -> String? {
        var stack: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("!") {
                guard let end = rest.firstIndex(of: ">") else { return "unterminated declaration" }
                rest = rest[rest.index(after: end)...]
                continue
            }
            guard let end = rest.firstIndex(of: ">") else { return "unterminated tag" }
            let tag = rest[..<end]
            rest = rest[rest.index(after: end)...]
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if name.isEmpty { return "a bare < in text: <\(tag.prefix(20))" }
            // Void HTML elements, and SVG's self-closing ones (`<rect …/>`), have no closing tag.
            if voidElements.contains(name) || tag.hasSuffix("/") { continue }
            if closing {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else {
                stack.append(name)
                if name == "script" {
                    guard let close = rest.range(of: "</script>") else { return "unclosed script" }
                    rest = rest[close.lowerBound...]
                }
            }
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "> <"))>"
    }
}
