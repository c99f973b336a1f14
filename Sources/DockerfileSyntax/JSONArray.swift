/// Docker's "exec form" test: the arguments are exec form only if they are one valid JSON array of
/// strings. Anything that is not valid JSON (single quotes, a missing bracket, trailing text) is
/// shell form instead; valid JSON holding a number, object, null … is an error.
enum JSONArray {
    enum Outcome: Equatable {
        case strings([String])
        /// Valid JSON array, but an element is not a string; the offset of that element.
        case notStrings(offset: Int)
        /// Not a JSON array at all: the arguments are shell form.
        case notJSON
    }

    /// Go's encoding/json refuses nesting deeper than this.
    private static let maxDepth = 10_000

    static func parse(_ text: ArraySlice<Unicode.Scalar>) -> Outcome {
        var reader = Reader(chars: text)
        reader.skipWhitespace()
        guard reader.peek == "[" else { return .notJSON }
        var strings: [String] = []
        var nonString: Int?
        // Containers open around the current position: true for an array, false for an object.
        var stack: [Bool] = []

        // One iteration reads a value (or closes an empty container) then what follows it.
        var expectingValue = true
        while true {
            if expectingValue {
                reader.skipWhitespace()
                let valueStart = reader.index
                let atTopLevel = stack.count == 1
                guard let c = reader.peek else { return .notJSON }
                switch c {
                case "[", "{":
                    if atTopLevel, nonString == nil { nonString = valueStart }
                    reader.advance()
                    stack.append(c == "[")
                    if stack.count > maxDepth { return .notJSON }
                    reader.skipWhitespace()
                    if reader.peek == (c == "[" ? "]" : "}") {
                        reader.advance()
                        stack.removeLast()
                        expectingValue = false
                        continue
                    }
                    if c == "{" {
                        guard reader.readString() != nil else { return .notJSON }
                        reader.skipWhitespace()
                        guard reader.peek == ":" else { return .notJSON }
                        reader.advance()
                    }
                    continue
                case "\"":
                    guard let string = reader.readString() else { return .notJSON }
                    if atTopLevel { strings.append(string) }
                default:
                    guard reader.readLiteralOrNumber() else { return .notJSON }
                    if atTopLevel, nonString == nil { nonString = valueStart }
                }
                expectingValue = false
            } else {
                guard let isArray = stack.last else {
                    reader.skipWhitespace()
                    guard reader.peek == nil else { return .notJSON }
                    if let nonString { return .notStrings(offset: nonString) }
                    return .strings(strings)
                }
                reader.skipWhitespace()
                guard let c = reader.peek else { return .notJSON }
                reader.advance()
                if c == "," {
                    if !isArray {
                        reader.skipWhitespace()
                        guard reader.readString() != nil else { return .notJSON }
                        reader.skipWhitespace()
                        guard reader.peek == ":" else { return .notJSON }
                        reader.advance()
                    }
                    expectingValue = true
                } else if c == (isArray ? "]" : "}") {
                    stack.removeLast()
                } else {
                    return .notJSON
                }
            }
        }
    }

    private struct Reader {
        let chars: ArraySlice<Unicode.Scalar>
        var index: Int

        init(chars: ArraySlice<Unicode.Scalar>) {
            self.chars = chars
            self.index = chars.startIndex
        }

        var peek: Unicode.Scalar? { index < chars.endIndex ? chars[index] : nil }
        mutating func advance() { index += 1 }

        mutating func skipWhitespace() {
            while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
        }

        /// A JSON string at the current position, decoded; nil if malformed.
        mutating func readString() -> String? {
            guard peek == "\"" else { return nil }
            advance()
            var out = [Unicode.Scalar]()
            while let c = peek {
                advance()
                switch c {
                case "\"":
                    return String(scalars: out)
                case "\\":
                    guard let e = peek else { return nil }
                    advance()
                    switch e {
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    case "/": out.append("/")
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        guard let high = readHex4() else { return nil }
                        if (0xD800...0xDBFF).contains(high) {
                            // A surrogate pair, if the low half follows; a lone half becomes U+FFFD as in Go.
                            let save = index
                            if peek == "\\" {
                                advance()
                                if peek == "u" {
                                    advance()
                                    if let low = readHex4(), (0xDC00...0xDFFF).contains(low) {
                                        let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                                        out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                                        continue
                                    }
                                }
                            }
                            index = save
                            out.append("\u{FFFD}")
                        } else {
                            out.append(Unicode.Scalar(high) ?? "\u{FFFD}")
                        }
                    default:
                        return nil
                    }
                default:
                    if c.value < 0x20 { return nil }
                    out.append(c)
                }
            }
            return nil
        }

        private mutating func readHex4() -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek, let digit = hexValue(c) else { return nil }
                value = value * 16 + digit
                advance()
            }
            return value
        }

        private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
            switch c {
            case "0"..."9": return c.value - 0x30
            case "a"..."f": return c.value - 0x61 + 10
            case "A"..."F": return c.value - 0x41 + 10
            default: return nil
            }
        }

        /// `true`, `false`, `null` or a JSON number.
        mutating func readLiteralOrNumber() -> Bool {
            for literal in ["true", "false", "null"] {
                let scalars = Array(literal.unicodeScalars)
                if chars[index...].starts(with: scalars) {
                    index += scalars.count
                    return true
                }
            }
            // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
            if peek == "-" { advance() }
            guard let first = peek, first.isASCIIDigit else { return false }
            advance()
            if first != "0" { while let c = peek, c.isASCIIDigit { advance() } }
            if peek == "." {
                advance()
                guard let c = peek, c.isASCIIDigit else { return false }
                while let c = peek, c.isASCIIDigit { advance() }
            }
            if peek == "e" || peek == "E" {
                advance()
                if peek == "+" || peek == "-" { advance() }
                guard let c = peek, c.isASCIIDigit else { return false }
                while let c = peek, c.isASCIIDigit { advance() }
            }
            return true
        }
    }
}
