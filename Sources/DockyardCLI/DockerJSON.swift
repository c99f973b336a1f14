import GoTemplate

/// JSON written as the docker CLI writes `inspect`'s array: Go's `json.MarshalIndent` with four
/// spaces, `"Key": value`, `[]` and `{}` for empty ones, members in the order given, and Go's
/// escapes (`<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, since the daemon's encoder makes
/// JSON safe inside HTML).
enum DockerJSON {
    static func render(_ values: [JSONValue]) -> String {
        var output = ""
        write(.array(values), to: &output, depth: 0)
        return output
    }

    static func write(_ value: JSONValue, to output: inout String, depth: Int) {
        let indent = String(repeating: "    ", count: depth + 1)
        let closing = String(repeating: "    ", count: depth)
        switch value {
        case .null: output += "null"
        case let .bool(flag): output += flag ? "true" : "false"
        case let .number(number): output += String(number)
        case let .string(text): output += quoted(text)
        case let .array(values):
            guard !values.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (index, element) in values.enumerated() {
                output += indent
                write(element, to: &output, depth: depth + 1)
                output += index == values.count - 1 ? "\n" : ",\n"
            }
            output += closing + "]"
        case let .object(object):
            guard !object.members.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += indent + quoted(member.key) + ": "
                write(member.value, to: &output, depth: depth + 1)
                output += index == object.members.count - 1 ? "\n" : ",\n"
            }
            output += closing + "}"
        }
    }

    /// A string as Go's encoder quotes it, HTML-safe as the daemon's (the one copy of those
    /// rules is GoTemplate's, which `{{json}}` uses too).
    static func quoted(_ text: String) -> String {
        TemplateValue.jsonQuoted(text, escapingHTML: true)
    }
}
