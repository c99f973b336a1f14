/// HTML escaping for everything Dockyard puts in a page that it did not write itself: lesson
/// text, recorded output, paths and values from the kernel.
enum HTMLText {
    /// The text with `& < > " '` as entities, safe in element content and quoted attributes.
    static func escape(_ text: String) -> String {
        // Most strings (paths, inodes, values) have nothing to escape: return them as they are.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        // Byte by byte: the five are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII,
        // so the bytes copied between them stay whole characters (and the loop stays cheap: the
        // course build escapes every recorded output and explain line).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
