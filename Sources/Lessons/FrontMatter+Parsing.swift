extension FrontMatter {
    /// The keys a lesson's front matter may have.
    static let knownKeys: Set<String> = ["title", "summary", "root", "cleanup", "part"]

    /// Splits `---\nkey: value\n---\n` off the top of a lesson. Returns the front matter, the
    /// Markdown after it, and how many lines the front matter took (to keep line numbers right).
    static func split(_ text: String) -> (FrontMatter, body: String, lineOffset: Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.first?.trimmingCharacters == "---" else { return (FrontMatter(), text, 0) }
        lines = lines.dropFirst()
        var front = FrontMatter()
        var consumed = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            consumed += 1
            if line.trimmingCharacters == "---" {
                return (front, lines.joined(separator: "\n"), consumed)
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingSpaces
            var value = String(line[line.index(after: colon)...]).trimmingSpaces
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            switch key {
            case "title": front.title = value
            case "summary": front.summary = value
            case "root": front.root = value
            case "cleanup": front.cleanup = value
            case "part": front.part = value
            default: front.unknownKeys.append(key)
            }
        }
        return (FrontMatter(), text, 0)
    }
}

extension Substring {
    var trimmingCharacters: String { String(self).trimmingSpaces }
}
