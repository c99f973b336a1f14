import FoundationEssentials

/// The words of a page's pictures, for the search index: each picture's caption, its SVG title
/// and its labels, without values (inodes, digests, sizes), which only bloat the index.
enum PictureLabels {
    static func words(in html: String) -> String {
        var words: [Substring] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<figure class=\"picture") {
            rest = rest[open.upperBound...]
            let end = rest.range(of: "</figure>")?.lowerBound ?? rest.endIndex
            words += text(of: rest[..<end]).split(separator: " ").filter { word in
                !word.contains { $0.isNumber } && word.contains { $0.isLetter }
            }
            rest = rest[end...]
        }
        return words.joined(separator: " ")
    }

    /// Everything between tags, entities undone, as one line.
    private static func text(of html: Substring) -> String {
        var out = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true; out.append(" ")
            case ">": inTag = false
            default: if !inTag { out.append(character) }
            }
        }
        return out.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
