/// Cuts template text into tokens the way Go's text/template lexer does: text runs, `{{`/`}}`
/// with their `{{- ` and ` -}}` trim markers, comments dropped, and the words inside actions.
struct Lexer {
    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var tokens: [Token] = []
    private var parenDepth = 0

    init(_ source: [UInt8]) { bytes = source }

    /// Every token up to `.endOfInput`, or Go's lexer error.
    static func tokens(of source: [UInt8]) throws(TemplateError) -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws(TemplateError) {
        while true {
            let start = index
            var trimNextText = false
            guard let open = find("{{", from: index) else {
                emitText(from: start, to: bytes.count, trimLeading: false)
                break
            }
            let leftTrim = hasLeftTrim(at: open)
            emitText(from: start, to: open, trimTrailing: leftTrim)
            line += count(newlinesIn: start..<open)
            index = open + 2 + (leftTrim ? 2 : 0)
            if leftTrim { line += count(newlinesIn: open + 2..<index) }
            tokens.append(Token(kind: .leftDelimiter, text: "{{", offset: open, line: line))
            if at("/*") {
                trimNextText = try comment()
            } else {
                trimNextText = try insideAction()
            }
            if trimNextText { skipSpaceAfterTrim() }
        }
        tokens.append(Token(kind: .endOfInput, text: "", offset: bytes.count, line: line))
    }

    // MARK: text and delimiters

    private mutating func emitText(from start: Int, to end: Int, trimTrailing: Bool = false, trimLeading: Bool = false) {
        var end = end
        if trimTrailing { while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 } }
        guard end > start else { return }
        tokens.append(Token(kind: .text, text: String(decoding: bytes[start..<end], as: UTF8.self), offset: start, line: line))
    }

    private mutating func skipSpaceAfterTrim() {
        while index < bytes.count, Self.isSpace(bytes[index]) {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
    }

    /// `{{-` followed by a space, tab, CR or newline.
    private func hasLeftTrim(at open: Int) -> Bool {
        open + 3 < bytes.count && bytes[open + 2] == UInt8(ascii: "-") && Self.isSpace(bytes[open + 3])
    }

    /// A space, tab, CR or newline, then `-}}`: the length of the marker with its `}}`, or nil.
    private func rightTrimLength(at position: Int) -> Int? {
        guard position + 3 < bytes.count, Self.isSpace(bytes[position]), bytes[position + 1] == UInt8(ascii: "-"),
              bytes[position + 2] == UInt8(ascii: "}"), bytes[position + 3] == UInt8(ascii: "}") else { return nil }
        return 4
    }

    private func atRightDelimiter(_ position: Int) -> Bool {
        position + 1 < bytes.count && bytes[position] == UInt8(ascii: "}") && bytes[position + 1] == UInt8(ascii: "}")
    }

    /// Consumes a closing delimiter at the current position; true when it had a trim marker.
    private mutating func closeAction() -> Bool? {
        if let length = rightTrimLength(at: index) {
            emit(.rightDelimiter, from: index + 2, to: index + 4)
            if bytes[index] == 0x0A { line += 1 }
            index += length
            return true
        }
        if atRightDelimiter(index) {
            emit(.rightDelimiter, from: index, to: index + 2)
            index += 2
            return false
        }
        return nil
    }

    private mutating func comment() throws(TemplateError) -> Bool {
        guard let end = find("*/", from: index + 2) else { throw .parse(line: line, "unclosed comment") }
        line += count(newlinesIn: index..<end)
        index = end + 2
        guard let trim = closeAction() else { throw .parse(line: line, "comment ends before closing delimiter") }
        // The comment's delimiters are not kept: Go drops the whole comment action.
        tokens.removeLast(2)
        return trim
    }

    // MARK: inside an action

    /// Lexes up to and including the closing delimiter; true when it had a trim marker.
    private mutating func insideAction() throws(TemplateError) -> Bool {
        while true {
            if let trim = closeAction() {
                if parenDepth > 0 { throw .parse(line: line, "unclosed left paren") }
                return trim
            }
            guard index < bytes.count else { throw .parse(line: line, "unclosed action") }
            let byte = bytes[index]
            let start = index
            switch byte {
            case _ where Self.isSpace(byte):
                while index < bytes.count, Self.isSpace(bytes[index]), rightTrimLength(at: index) == nil {
                    if bytes[index] == 0x0A { line += 1 }
                    index += 1
                }
                if index > start { emit(.space, from: start, to: index) }
            case UInt8(ascii: "="): index += 1; emit(.assign, from: start, to: index)
            case UInt8(ascii: ":"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else { throw .parse(line: line, "expected :=") }
                index += 2; emit(.declare, from: start, to: index)
            case UInt8(ascii: "|"): index += 1; emit(.pipe, from: start, to: index)
            case UInt8(ascii: "\""): try quoted(close: UInt8(ascii: "\""), kind: .string, unterminated: "unterminated quoted string")
            case UInt8(ascii: "'"): try quoted(close: UInt8(ascii: "'"), kind: .character, unterminated: "unterminated character constant")
            case UInt8(ascii: "`"): try rawString()
            case UInt8(ascii: "$"): try word(kind: .variable, skipping: 1)
            case UInt8(ascii: "."):
                if index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) { try number(); break }
                if index + 1 < bytes.count, Self.isWordByte(bytes[index + 1]) { try word(kind: .field, skipping: 1); break }
                index += 1; emit(.dot, from: start, to: index)
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            case UInt8(ascii: "("): parenDepth += 1; index += 1; emit(.leftParen, from: start, to: index)
            case UInt8(ascii: ")"):
                parenDepth -= 1
                guard parenDepth >= 0 else { throw .parse(line: line, "unexpected right paren") }
                index += 1; emit(.rightParen, from: start, to: index)
            case _ where Self.isWordByte(byte): try word(kind: .identifier, skipping: 0)
            case 0x21...0x7E: index += 1; emit(.char, from: start, to: index)
            default:
                let scalar = String(decoding: bytes[index...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
                throw .parse(line: line, "unrecognized character in action: \(Self.describe(scalar))")
            }
        }
    }

    /// An identifier, `.Field` or `$variable`: letters, digits and underscores (any non-ASCII
    /// letter counts, as in Go), which must end at a space, `.`, `,`, `|`, `:`, a paren or `}}`.
    private mutating func word(kind: Token.Kind, skipping prefix: Int) throws(TemplateError) {
        let start = index
        index += prefix
        while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
        try checkTerminator()
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if kind == .identifier {
            if let keyword = Token.Keyword(rawValue: text) { emit(.keyword(keyword), from: start, to: index); return }
            if text == "true" || text == "false" { emit(.bool, from: start, to: index); return }
            if text == "nil" { emit(.nilValue, from: start, to: index); return }
        }
        emit(kind, from: start, to: index)
    }

    private func checkTerminator() throws(TemplateError) {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        if Self.isSpace(byte) || atRightDelimiter(index) { return }
        if [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "(")].contains(byte) { return }
        let scalar = String(decoding: bytes[index...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        throw .parse(line: line, "bad character \(Self.describe(scalar))")
    }

    /// A number as Go's lexer takes it: a sign, then digits, letters, `_`, `.`, and a signed exponent.
    private mutating func number() throws(TemplateError) {
        let start = index
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let hex = index + 1 < bytes.count && bytes[index] == UInt8(ascii: "0") && (bytes[index + 1] | 0x20) == UInt8(ascii: "x")
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isWordByte(byte) || byte == UInt8(ascii: ".") {
                index += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), index > start,
                      ((bytes[index - 1] | 0x20) == UInt8(ascii: "e") && !hex) || (bytes[index - 1] | 0x20) == UInt8(ascii: "p") {
                index += 1
            } else { break }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard index > start + (bytes[start] == UInt8(ascii: "+") || bytes[start] == UInt8(ascii: "-") ? 1 : 0) else {
            throw .parse(line: line, "bad number syntax: \(GoQuote.quote(text))")
        }
        emit(.number, from: start, to: index)
    }

    private mutating func quoted(close: UInt8, kind: Token.Kind, unterminated: String) throws(TemplateError) {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != close {
            if bytes[index] == 0x0A { throw .parse(line: line, unterminated) }
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        guard index < bytes.count else { throw .parse(line: line, unterminated) }
        index += 1
        emit(kind, from: start, to: index)
    }

    private mutating func rawString() throws(TemplateError) {
        let start = index
        guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "`")) else {
            throw .parse(line: line, "unterminated raw quoted string")
        }
        index = end + 1
        emit(.rawString, from: start, to: index)
        line += count(newlinesIn: start..<index)
    }

    // MARK: helpers

    private mutating func emit(_ kind: Token.Kind, from start: Int, to end: Int) {
        tokens.append(Token(kind: kind, text: String(decoding: bytes[start..<end], as: UTF8.self), offset: start, line: line))
    }

    private func at(_ text: String) -> Bool {
        let pattern = Array(text.utf8)
        return bytes.count - index >= pattern.count && Array(bytes[index..<index + pattern.count]) == pattern
    }

    private func find(_ text: String, from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        for position in start...(bytes.count - pattern.count) where bytes[position] == pattern[0] && bytes[position + 1] == pattern[1] {
            return position
        }
        return nil
    }

    private func count(newlinesIn range: Range<Int>) -> Int {
        bytes[range.clamped(to: 0..<bytes.count)].filter { $0 == 0x0A }.count
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    /// ASCII letters, digits and `_`, and any byte of a non-ASCII character (Go takes Unicode letters).
    static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte >= 0x80
    }

    /// Go's `%#U`: `U+007D '}'`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return GoQuote.isPrintable(scalar) ? "\(code) '\(scalar)'" : code
    }
}
