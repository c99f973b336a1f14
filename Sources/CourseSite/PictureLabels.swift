/// The words of a page's pictures, for the search index: each picture's caption, its SVG title
/// and its labels, without values (inodes, digests, sizes), which only bloat the index.
enum PictureLabels {
    static func words(in html: String) -> String {
        // Bytes, not String searches: this reads every lesson's whole body on every build.
        let bytes = Array(html.utf8)
        let open = Array("<figure class=\"picture".utf8), close = Array("</figure>".utf8)
        var words: [Substring] = []
        var index = 0
        while let start = find(open, in: bytes, from: index) {
            let end = find(close, in: bytes, from: start) ?? bytes.count
            words += text(of: bytes[start..<end]).split(separator: " ").filter { word in
                !word.contains { $0.isNumber } && word.contains { $0.isLetter }
            }
            index = end
        }
        return words.joined(separator: " ")
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Everything between tags, with the entities HTMLText makes undone, as one line.
    private static func text(of html: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var inTag = false
        for byte in html {
            switch byte {
            case UInt8(ascii: "<"): inTag = true; out.append(UInt8(ascii: " "))
            case UInt8(ascii: ">"): inTag = false
            default: if !inTag { out.append(byte) }
            }
        }
        var text = String(decoding: out, as: UTF8.self)
        for (entity, character) in [("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] where text.contains(entity) {
            text = text.split(separator: entity, omittingEmptySubsequences: false).joined(separator: character)
        }
        return text
    }
}
