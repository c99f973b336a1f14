/// How Go's fmt prints a value with `%v`, which is what `{{.Field}}` writes: `map[a:1 b:2]` with
/// sorted keys, `[a b]` for slices, `<nil>` for nil and `<no value>` for a missing key.
extension TemplateValue {
    public var goDescription: String {
        var output = ""
        writeGo(to: &output)
        return output
    }

    func writeGo(to output: inout String) {
        switch self {
        case .null: output += "<nil>"
        case .missing: output += "<no value>"
        case let .bool(value): output += value ? "true" : "false"
        case let .int(value): output += String(value)
        case let .double(value): output += GoFloat.goString(value)
        case let .string(value): output += value
        case let .array(values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += " " }
                value.writeGo(to: &output)
            }
            output += "]"
        case let .object(object):
            output += "map["
            for (index, key) in object.sortedKeys.enumerated() {
                if index > 0 { output += " " }
                output += key + ":"
                (object[key] ?? .missing).writeGo(to: &output)
            }
            output += "]"
        }
    }
}

/// Go's `strconv.Quote`: double quotes, Go escapes for control and non-printing characters.
public enum GoQuote {
    public static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{0B}": output += "\\v"
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    output += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value < 0x10000 {
                    output += "\\u" + hex(scalar.value, width: 4)
                } else {
                    output += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        return output + "\""
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
