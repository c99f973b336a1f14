/// A `--format` value as Docker's CLI reads it (`cli/command/formatter`): `json` for one JSON
/// object per line, a `table ` prefix for aligned columns under a header, the literal two-character
/// sequences `\t` and `\n` turned into a tab and a newline, spaces around the template trimmed.
public struct DockerFormat: Sendable {
    public let isTable: Bool
    public let template: Template

    /// `defaultTable` is the command's own table (what a bare `--format table` means).
    public init(_ format: String, defaultTable: String) throws(TemplateError) {
        var text = format
        if text == "table" { text = defaultTable }
        if text == "json" { text = "{{json .}}" }
        isTable = text.hasPrefix("table")
        if isTable { text = String(text.dropFirst("table".count)) }
        text = Self.trimSpaces(text)
        text = Self.unescapeTabsAndNewlines(text)
        template = try Template(text)
    }

    /// Each row's text followed by a newline; for a table, the header first (the template run over
    /// `header`, the column names by field) and everything aligned as Docker's tabwriter does.
    public func render(_ rows: [TemplateValue], header: TemplateObject,
                       missingKey: MissingKey = .noValue) throws(TemplateError) -> String {
        var body = ""
        for row in rows {
            body += try template.execute(row, missingKey: missingKey)
            body += "\n"
        }
        guard isTable else { return body }
        // Docker ignores an error in the header and keeps what was written before it.
        let head = template.executeForHeader(.object(header))
        return TabWriter().format(head + "\n" + body)
    }

    /// Go's `strings.Trim(s, " ")`: spaces only; tabs and newlines stay.
    static func trimSpaces(_ text: String) -> String {
        var scalars = Substring(text)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// `strings.NewReplacer("\\t", "\t", "\\n", "\n")`, scanning left to right.
    static func unescapeTabsAndNewlines(_ text: String) -> String {
        var output = ""
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? iterator.next() {
            pending = nil
            guard scalar == "\\" else { output.unicodeScalars.append(scalar); continue }
            guard let next = iterator.next() else { output += "\\"; break }
            switch next {
            case "t": output += "\t"
            case "n": output += "\n"
            default: output += "\\"; pending = next
            }
        }
        return output
    }
}
