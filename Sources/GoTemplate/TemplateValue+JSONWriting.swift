/// `{{json .}}` as Docker's template function writes it: Go's encoding/json, compact, with
/// HTML escaping turned off (`<`, `>` and `&` stay as they are), keys in the object's own order.
extension TemplateValue {
    public var compactJSON: String {
        var output = ""
        writeJSON(to: &output)
        return output
    }

    func writeJSON(to output: inout String, escapingHTML: Bool = false) {
        switch self {
        case .null, .missing: output += "null"
        case let .bool(value): output += value ? "true" : "false"
        case let .int(value): output += String(value)
        case let .double(value): output += GoFloat.jsonString(value)
        case let .string(value): Self.writeJSONString(value, to: &output, escapingHTML: escapingHTML)
        case let .array(values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.writeJSON(to: &output, escapingHTML: escapingHTML)
            }
            output += "]"
        case let .object(object):
            output += "{"
            let escaping = escapingHTML || object.escapesHTMLInJSON
            for (index, pair) in object.pairs.enumerated() {
                if index > 0 { output += "," }
                Self.writeJSONString(pair.key, to: &output, escapingHTML: escaping)
                output += ":"
                pair.value.writeJSON(to: &output, escapingHTML: escaping)
            }
            output += "}"
        }
    }

    /// A string as Go's `encoding/json` writes it (`escapingHTML`: `<`, `>`, `&` as `\u003c`…,
    /// as its Encoder does by default): `{{json}}` and the docker CLI's own JSON (`inspect`) alike.
    public static func jsonQuoted(_ text: String, escapingHTML: Bool) -> String {
        var output = ""
        writeJSONString(text, to: &output, escapingHTML: escapingHTML)
        return output
    }

    /// Go's string encoding: the short escapes it knows, `\u00XX` for other control characters,
    /// and U+2028/U+2029 escaped always (they end lines in JavaScript).
    static func writeJSONString(_ text: String, to output: inout String, escapingHTML: Bool = false) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}", "\u{2029}": output += "\\u" + GoQuote.hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 || escapingHTML && (scalar == "<" || scalar == ">" || scalar == "&") {
                    output += "\\u" + GoQuote.hex(scalar.value, width: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
