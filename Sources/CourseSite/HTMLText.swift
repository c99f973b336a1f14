/// HTML escaping for everything Dockyard puts in a page that it did not write itself: lesson
/// text, recorded output, paths and values from the kernel.
enum HTMLText {
    /// The text with `& < > " '` as entities, safe in element content and quoted attributes.
    static func escape(_ text: String) -> String {
        // Most strings (paths, inodes, values) have nothing to escape: return them as they are.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
