/// A one-level JSON object as `JSONLinesRenderer` writes it: strings, integers, booleans, null
/// and arrays of strings. Small on purpose: reading an event line needs no JSON library.
struct FlatJSONObject {
    private var values: [String: Event.Value] = [:]

    subscript(key: String) -> Event.Value? { values[key] }

    func string(_ key: String) -> String? {
        if case let .string(s)? = values[key] { return s }
        return nil
    }

    func int(_ key: String) -> Int64? {
        if case let .int(i)? = values[key] { return i }
        return nil
    }

    func strings(_ key: String) -> [String]? {
        if case let .strings(list)? = values[key] { return list }
        return nil
    }

    /// Parses `text`, or returns nil if it is not one flat object (surrounding spaces allowed).
    init?(parsing text: String) {
        var scanner = Scanner(Array(text.utf8))
        scanner.skipSpaces()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        scanner.skipSpaces()
        if scanner.take(UInt8(ascii: "}")) { return }
        while true {
            scanner.skipSpaces()
            guard let key = scanner.string() else { return nil }
            scanner.skipSpaces()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipSpaces()
            guard let value = scanner.value() else { return nil }
            values[key] = value
            scanner.skipSpaces()
            if scanner.take(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
            scanner.skipSpaces()
            guard scanner.atEnd else { return nil }
            return
        }
    }

    /// Reads JSON tokens from UTF-8 bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }

        mutating func skipSpaces() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func take(word: String) -> Bool {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else { return false }
            index += w.count
            return true
        }

        mutating func value() -> Event.Value? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string().map(Event.Value.string)
            case UInt8(ascii: "t"): return take(word: "true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return take(word: "false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return take(word: "null") ? .null : nil
            case UInt8(ascii: "["): return array()
            default: return integer().map(Event.Value.int)
            }
        }

        mutating func array() -> Event.Value? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var list: [String] = []
            skipSpaces()
            if take(UInt8(ascii: "]")) { return .strings(list) }
            while true {
                skipSpaces()
                guard let s = string() else { return nil }
                list.append(s)
                skipSpaces()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? .strings(list) : nil
            }
        }

        mutating func integer() -> Int64? {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return Int64(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: out.append(escaped)
                    }
                default:
                    out.append(byte)
                }
            }
            return nil
        }

        /// `\uXXXX`, with a following low surrogate when the first is a high one.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(high) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(),
                      (0xDC00..<0xE000).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count,
                  let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else { return nil }
            index += 4
            return v
        }
    }
}
