/// Docker's `upper`, `lower` and `title`: Go's `strings.ToUpper`/`ToLower` map each character on
/// its own (so `ß` stays `ß`), and `strings.Title` capitalises the first letter of every word.
enum TextCase {
    static func upper(_ text: String) -> String { map(text) { $0.properties.uppercaseMapping } }
    static func lower(_ text: String) -> String { map(text) { $0.properties.lowercaseMapping } }

    /// A word starts after anything that is not a letter, digit, `_` or mark.
    static func title(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var previousIsSeparator = true
        for scalar in text.unicodeScalars {
            output.append(contentsOf: previousIsSeparator ? single(scalar, scalar.properties.titlecaseMapping) : [scalar])
            previousIsSeparator = isSeparator(scalar)
        }
        return String(output)
    }

    private static func map(_ text: String, _ mapping: (Unicode.Scalar) -> String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { output.append(contentsOf: single(scalar, mapping(scalar))) }
        return String(output)
    }

    /// Go maps one character to one: a mapping that would make several is not applied.
    private static func single(_ scalar: Unicode.Scalar, _ mapped: String) -> [Unicode.Scalar] {
        let scalars = Array(mapped.unicodeScalars)
        return scalars.count == 1 ? scalars : [scalar]
    }

    /// Go's `isSeparator` in strings.Title.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            if Lexer.isWordByte(byte) { return false }
            return true
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return false }
        return properties.isWhitespace
    }
}

/// Go's `fmt.Sprint` and `fmt.Sprintln`, which the template functions `print` and `println` are.
enum GoPrint {
    /// Operands with `%v`; a space between two operands when neither is a string.
    static func sprint(_ values: [TemplateValue]) -> String {
        let values = values.map { $0 == .missing ? TemplateValue.null : $0 }
        var output = ""
        for (index, value) in values.enumerated() {
            if index > 0, !isString(value), !isString(values[index - 1]) { output += " " }
            value.writeGo(to: &output)
        }
        return output
    }

    /// Operands with `%v`, always a space between them, and a newline.
    static func sprintln(_ values: [TemplateValue]) -> String {
        values.map { ($0 == .missing ? TemplateValue.null : $0).goDescription }.joined(separator: " ") + "\n"
    }

    private static func isString(_ value: TemplateValue) -> Bool {
        if case .string = value { return true }
        return false
    }
}
