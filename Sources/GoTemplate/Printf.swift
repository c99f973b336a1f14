#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `fmt.Sprintf` for the values a template holds: the verbs `%v %s %q %d %t %x %X %o %b %c
/// %U %e %f %g %%`, the flags `- + 0 space`, width and precision, and Go's inline complaints
/// (`%!d(string=hi)`, `%!s(MISSING)`, `%!(EXTRA int=1)`) instead of errors.
enum Printf {
    /// One `%` directive.
    struct Directive {
        var minus = false, plus = false, zero = false, space = false, sharp = false
        var width: Int?
        var precision: Int?
        var verb: Character = "v"
    }

    static func format(_ format: String, _ arguments: [TemplateValue]) -> String {
        var output = ""
        var characters = Array(format)
        var index = 0
        var used = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "%" else { output.append(character); continue }
            var directive = Directive()
            while index < characters.count, "-+0 #".contains(characters[index]) {
                switch characters[index] {
                case "-": directive.minus = true
                case "+": directive.plus = true
                case "0": directive.zero = true
                case " ": directive.space = true
                default: directive.sharp = true
                }
                index += 1
            }
            directive.width = number(in: &characters, at: &index, arguments: arguments, used: &used)
            if index < characters.count, characters[index] == "." {
                index += 1
                directive.precision = number(in: &characters, at: &index, arguments: arguments, used: &used) ?? 0
            }
            guard index < characters.count else { output += "%!(NOVERB)"; break }
            directive.verb = characters[index]
            index += 1
            if directive.verb == "%" { output += "%"; continue }
            guard used < arguments.count else { output += "%!\(directive.verb)(MISSING)"; continue }
            let argument = arguments[used] == .missing ? .null : arguments[used]
            used += 1
            output += pad(render(argument, directive), directive, numeric: isNumber(argument))
        }
        if used < arguments.count {
            output += "%!(EXTRA " + arguments[used...].map { describe($0 == .missing ? .null : $0) }.joined(separator: ", ") + ")"
        }
        return output
    }

    /// Width or precision: digits, or `*` taking an int argument.
    private static func number(in characters: inout [Character], at index: inout Int, arguments: [TemplateValue], used: inout Int) -> Int? {
        if index < characters.count, characters[index] == "*" {
            index += 1
            guard used < arguments.count, case let .int(value) = arguments[used] else { return nil }
            used += 1
            return Int(clamping: min(max(value, -1_000_000), 1_000_000))
        }
        var value: Int?
        while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
            value = min((value ?? 0) * 10 + digit, 1_000_000)
            index += 1
        }
        return value
    }

    private static func render(_ value: TemplateValue, _ directive: Directive) -> String {
        switch value {
        case let .array(values):
            if directive.verb == "v" || directive.verb == "s" || directive.verb == "d" || directive.verb == "q" || directive.verb == "x" {
                return "[" + values.map { pad(render($0, directive), directive, numeric: isNumber($0)) }.joined(separator: " ") + "]"
            }
        case let .object(object):
            return "map[" + object.sortedKeys.map { key in
                render(.string(key), directive) + ":" + render(object[key] ?? .null, directive)
            }.joined(separator: " ") + "]"
        default: break
        }
        switch (directive.verb, value) {
        case ("v", _): return signed(value, directive) ?? value.goDescription
        case let ("s", .string(text)): return directive.precision.map { String(text.prefix($0)) } ?? text
        case let ("q", .string(text)): return GoQuote.quote(text)
        case let ("q", .int(code)): return quoteRune(code)
        case let ("x", .string(text)), let ("X", .string(text)):
            let hex = text.utf8.map { GoQuote.hex(UInt32($0), width: 2) }.joined()
            return directive.verb == "X" ? hex.uppercased() : hex
        case let ("t", .bool(flag)): return flag ? "true" : "false"
        case ("d", .int), ("x", .int), ("X", .int), ("o", .int), ("b", .int): return signed(value, directive) ?? ""
        case let ("c", .int(code)): return Unicode.Scalar(UInt32(clamping: code)).map { String($0) } ?? "\u{FFFD}"
        case let ("U", .int(code)):
            let hex = String(code, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        case let ("e", .double(number)), let ("E", .double(number)), let ("f", .double(number)),
             let ("F", .double(number)), let ("g", .double(number)), let ("G", .double(number)):
            return floating(number, directive)
        default: return "%!\(directive.verb)(\(describe(value)))"
        }
    }

    /// Integers in the verb's base, and floats with `%v`, with the `+` and space flags.
    private static func signed(_ value: TemplateValue, _ directive: Directive) -> String? {
        let body: String
        let negative: Bool
        switch value {
        case let .int(number):
            let radix = ["x": 16, "X": 16, "o": 8, "b": 2][directive.verb] ?? 10
            body = String(number.magnitude, radix: radix, uppercase: directive.verb == "X")
            negative = number < 0
        case let .double(number):
            let text = GoFloat.goString(number)
            negative = text.hasPrefix("-")
            body = negative ? String(text.dropFirst()) : text
        default: return nil
        }
        return (negative ? "-" : directive.plus ? "+" : directive.space ? " " : "") + body
    }

    private static func floating(_ number: Double, _ directive: Directive) -> String {
        if !number.isFinite { return signed(.double(number), directive) ?? "" }
        if directive.verb == "g" || directive.verb == "G", directive.precision == nil {
            let text = signed(.double(number), directive) ?? ""
            return directive.verb == "G" ? text.uppercased() : text
        }
        let precision = min(directive.precision ?? 6, 400)
        let flags = directive.plus ? "+" : directive.space ? " " : ""
        let verb = directive.verb == "F" ? "f" : String(directive.verb)
        var buffer = [CChar](repeating: 0, count: 1024)
        let written = withVaList([number]) { vsnprintf(&buffer, buffer.count, "%\(flags).\(precision)\(verb)", $0) }
        guard written >= 0 else { return "" }
        return String(decoding: buffer.prefix(min(Int(written), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Go's `%q` of an integer: the character in single quotes.
    private static func quoteRune(_ code: Int64) -> String {
        guard let scalar = Unicode.Scalar(UInt32(clamping: code)) else { return "'\u{FFFD}'" }
        if scalar == "'" { return "'\\''" }
        if scalar == "\"" { return "'\"'" }
        return "'" + GoQuote.quote(String(scalar)).dropFirst().dropLast() + "'"
    }

    /// Go's `type=value` in its complaints, `<nil>` for nil.
    private static func describe(_ value: TemplateValue) -> String {
        value == .null ? "<nil>" : "\(value.goTypeName)=\(value.goDescription)"
    }

    private static func isNumber(_ value: TemplateValue) -> Bool {
        switch value {
        case .int, .double: true
        default: false
        }
    }

    /// Width: spaces on the left (right with `-`), or zeros after the sign with `0`.
    private static func pad(_ text: String, _ directive: Directive, numeric: Bool) -> String {
        guard let width = directive.width else { return text }
        let missing = width - text.unicodeScalars.count
        guard missing > 0 else { return text }
        if directive.minus { return text + String(repeating: " ", count: missing) }
        if directive.zero {
            if numeric, let sign = text.first, "+- ".contains(sign) {
                return String(sign) + String(repeating: "0", count: missing) + text.dropFirst()
            }
            return String(repeating: "0", count: missing) + text
        }
        return String(repeating: " ", count: missing) + text
    }
}
