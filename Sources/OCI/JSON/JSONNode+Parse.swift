extension JSONNode {
    /// Reads a whole document (RFC 8259), or nil when the bytes are not JSON this reader is certain
    /// of: malformed text, invalid UTF-8, a lone surrogate escape, a repeated key, nesting deeper
    /// than `maximumDepth`, or anything after the value but whitespace.
    public static func parse(_ bytes: [UInt8]) -> JSONNode? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(bytes: buffer)
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.offset == buffer.count ? value : nil
        }
    }

    /// The string members named in `keys` of a document that is one object, read without building
    /// the rest of it: other members are checked and skipped, not copied (a container record is
    /// 2–3 KB, and its summary needs two short strings of it). Nil when the document is not a
    /// well-formed object, or repeats one of `keys`; a wanted member that is not a string is absent.
    /// Skipped strings are checked for their syntax and escapes, not for valid UTF-8.
    public static func strings(_ keys: Set<String>, ofObject bytes: [UInt8]) -> [String: String]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(bytes: buffer)
            var found: [String: String] = [:]
            var seen: Set<String> = []
            reader.skipWhitespace()
            guard reader.offset < buffer.count, buffer[reader.offset] == UInt8(ascii: "{") else { return nil }
            guard reader.members(depth: 0, each: { reader, raw, escaped in
                let rawKey = UnsafeBufferPointer(rebasing: buffer[raw])
                let key = escaped ? String(validating: rawKey, as: UTF8.self) : keys.first { $0.utf8.elementsEqual(rawKey) }
                guard let key, keys.contains(key) else { return reader.skipValue(depth: 1) }
                guard seen.insert(key).inserted else { return false }
                reader.skipWhitespace()
                guard reader.offset < reader.bytes.count, reader.bytes[reader.offset] == UInt8(ascii: "\"") else {
                    return reader.skipValue(depth: 1)
                }
                guard let text = reader.string() else { return false }
                found[key] = text
                return true
            }) else { return nil }
            reader.skipWhitespace()
            return reader.offset == buffer.count ? found : nil
        }
    }

    /// Deeper documents are left to `JSONDecoder` (which refuses past 512), so this reader's
    /// recursion stays far from the stack's end.
    static let maximumDepth = 128
}

/// The cursor `JSONNode.parse` moves over a document's bytes: one method per JSON production.
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) -> JSONNode? {
        guard depth < JSONNode.maximumDepth else { return nil }
        skipWhitespace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONNode.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    /// Checks and passes over one value without building it; false when it is malformed.
    mutating func skipValue(depth: Int) -> Bool {
        guard depth < JSONNode.maximumDepth else { return false }
        skipWhitespace()
        guard offset < bytes.count else { return false }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return members(depth: depth) { reader, _, _ in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): return skipString() != nil
        case UInt8(ascii: "["):
            offset += 1
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return true }
            while true {
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                guard offset < bytes.count else { return false }
                let separator = bytes[offset]
                offset += 1
                if separator == UInt8(ascii: "]") { return true }
                guard separator == UInt8(ascii: ",") else { return false }
            }
        default:
            return value(depth: depth) != nil   // a scalar: cheap to build, and checked the same way
        }
    }

    /// Reads an object at `offset` (its opening brace), calling `each` with the reader at each
    /// member's value (after the colon), the key's raw bytes and whether they hold escapes; `each`
    /// must consume the value. False when malformed.
    mutating func members(depth: Int, each: (inout JSONByteReader, Range<Int>, Bool) -> Bool) -> Bool {
        offset += 1
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return true }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\""), let (key, escaped) = skipString() else { return false }
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return false }
            offset += 1
            guard each(&self, key, escaped) else { return false }
            skipWhitespace()
            guard offset < bytes.count else { return false }
            let separator = bytes[offset]
            offset += 1
            if separator == UInt8(ascii: "}") { return true }
            guard separator == UInt8(ascii: ",") else { return false }
        }
    }

    /// Passes over a string at `offset` (its opening quote), checking its escapes: the range of
    /// its raw bytes, and whether it holds escapes; nil when malformed.
    mutating func skipString() -> (Range<Int>, Bool)? {
        offset += 1
        let start = offset
        var escaped = false
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return (start..<offset - 1, escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                guard offset + 1 < bytes.count else { return nil }
                offset += 2
                switch bytes[offset - 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): break
                case UInt8(ascii: "u"): guard unicodeEscape() != nil else { return nil }
                default: return nil
                }
            case 0x00..<0x20:
                return nil
            default:
                offset += 1
            }
        }
        return nil
    }

    private mutating func literal(_ word: StaticString, _ node: JSONNode) -> JSONNode? {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return nil }
        for i in 0..<count where bytes[offset + i] != word.utf8Start[i] { return nil }
        offset += count
        return node
    }

    private mutating func object(depth: Int) -> JSONNode? {
        offset += 1
        var members: [(String, JSONNode)] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\""), let key = string() else { return nil }
            // JSONDecoder's answer for a repeated key is its own business: leave such documents to it.
            guard !members.contains(where: { $0.0 == key }) else { return nil }
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return nil }
            offset += 1
            guard let member = value(depth: depth + 1) else { return nil }
            members.append((key, member))
            skipWhitespace()
            guard offset < bytes.count else { return nil }
            let separator = bytes[offset]
            offset += 1
            if separator == UInt8(ascii: "}") { return .object(members) }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
    }

    private mutating func array(depth: Int) -> JSONNode? {
        offset += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        while true {
            guard let item = value(depth: depth + 1) else { return nil }
            items.append(item)
            skipWhitespace()
            guard offset < bytes.count else { return nil }
            let separator = bytes[offset]
            offset += 1
            if separator == UInt8(ascii: "]") { return .array(items) }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as its text.
    private mutating func number() -> JSONNode? {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else { return nil }
        if bytes[offset] == UInt8(ascii: "0") { offset += 1 } else { skipDigits() }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { return nil }
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < bytes.count, isDigit(bytes[offset]) else { return nil }
            skipDigits()
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipDigits() {
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }

    /// A string at `offset` (which holds its opening quote). A string without escapes is copied
    /// in one piece; escapes are decoded into a byte buffer.
    mutating func string() -> String? {
        offset += 1
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            guard byte >= 0x20 else { return nil }
            offset += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { return nil }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            case 0x00..<0x20:
                return nil
            default:
                out.append(byte)
            }
        }
        return nil
    }

    /// The scalar after `\u` (offset at its first hex digit): one escape, or a surrogate pair of
    /// two; a lone surrogate is refused.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if high < 0xD800 || high > 0xDFFF { return Unicode.Scalar(high) }
        guard high < 0xDC00, offset + 1 < bytes.count,
              bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else { return nil }
        offset += 2
        guard let low = hex4(), low >= 0xDC00, low <= 0xDFFF else { return nil }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    private mutating func hex4() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }
}
