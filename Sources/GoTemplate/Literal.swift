/// Constants written in a template: Go's number forms (`42`, `0x1F`, `0o17`, `017`, `1_000`,
/// `1.5`, `1e3`, `'a'`) and its quoted strings (`"a\tb"`, raw `` `a\tb` ``).
enum Literal {
    static func number(_ token: Token) throws(TemplateError) -> TemplateValue {
        let text = token.text
        if token.kind == .character {
            let inner = try unquote(String(text.dropFirst().dropLast()), line: token.line, quote: "'")
            guard inner.unicodeScalars.count == 1, let scalar = inner.unicodeScalars.first else {
                throw .parse(line: token.line, "malformed character constant: \(text)")
            }
            return .int(Int64(scalar.value))
        }
        if let value = integer(text) { return .int(value) }
        let plain = text.filter { $0 != "_" }
        if let value = Double(plain), !plain.isEmpty, plain.last != "." || plain.count > 1 {
            return .double(value)
        }
        throw .parse(line: token.line, "bad number syntax: \(GoQuote.quote(text))")
    }

    /// Go's `strconv.ParseInt(text, 0, 64)`: a base prefix (or a leading 0 for octal) and `_`.
    static func integer(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" { negative = sign == "-"; digits = digits.dropFirst() }
        var radix = 10
        let lower = digits.lowercased()
        if lower.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; digits = digits.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; digits = digits.dropFirst(2) }
        else if digits.count > 1, digits.first == "0" { radix = 8; digits = digits.dropFirst() }
        let cleaned = digits.filter { $0 != "_" }
        guard !cleaned.isEmpty, !cleaned.hasPrefix("+"), !cleaned.hasPrefix("-"),
              let magnitude = UInt64(cleaned, radix: radix) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    static func string(_ token: Token) throws(TemplateError) -> String {
        let inner = String(token.text.dropFirst().dropLast())
        if token.kind == .rawString { return inner.filter { $0 != "\r" } }
        return try unquote(inner, line: token.line, quote: "\"")
    }

    /// Go's escapes: `\a \b \f \n \r \t \v \\ \' \"`, `\xHH`, `\ooo`, `\uHHHH`, `\UHHHHHHHH`.
    static func unquote(_ text: String, line: Int, quote: Character) throws(TemplateError) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var bytes: [UInt8] = []
        func flushBytes() {
            if !bytes.isEmpty { output.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars); bytes.removeAll() }
        }
        while let scalar = scalars.next() {
            guard scalar == "\\" else { flushBytes(); output.append(scalar); continue }
            guard let escape = scalars.next() else { throw .parse(line: line, "invalid syntax") }
            func hexDigits(_ count: Int) throws(TemplateError) -> UInt32 {
                var value: UInt32 = 0
                for _ in 0..<count {
                    guard let digit = scalars.next(), digit.isASCII, let number = hexDigit(UInt8(digit.value)) else {
                        throw .parse(line: line, "invalid syntax")
                    }
                    value = value &* 16 &+ number
                }
                return value
            }
            switch escape {
            case "a": flushBytes(); output.append("\u{07}")
            case "b": flushBytes(); output.append("\u{08}")
            case "f": flushBytes(); output.append("\u{0C}")
            case "n": flushBytes(); output.append("\n")
            case "r": flushBytes(); output.append("\r")
            case "t": flushBytes(); output.append("\t")
            case "v": flushBytes(); output.append("\u{0B}")
            case "\\": flushBytes(); output.append("\\")
            case "'" where quote == "'", "\"" where quote == "\"": flushBytes(); output.append(escape)
            case "x": bytes.append(UInt8(try hexDigits(2)))
            case "u", "U":
                flushBytes()
                guard let value = Unicode.Scalar(try hexDigits(escape == "u" ? 4 : 8)) else { throw .parse(line: line, "invalid syntax") }
                output.append(value)
            case "0"..."7":
                var value = escape.value - 0x30
                for _ in 0..<2 {
                    guard let digit = scalars.next(), ("0"..."7").contains(digit) else { throw .parse(line: line, "invalid syntax") }
                    value = value * 8 + digit.value - 0x30
                }
                guard value <= 255 else { throw .parse(line: line, "invalid syntax") }
                bytes.append(UInt8(value))
            default: throw .parse(line: line, "invalid syntax")
            }
        }
        flushBytes()
        return String(output)
    }
}
