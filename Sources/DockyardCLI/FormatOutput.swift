import ArgumentParser
import GoTemplate
#if canImport(Glibc)
import Glibc
#endif

/// `--format` for the listing verbs (`ps`, `images`, `network ls`, `volume ls`, `history`): the
/// rows through Docker's template handling (`table`, `json`, `\t`), or Docker's error and exit status.
enum FormatOutput {
    /// Prints the rows; a template that does not parse or run is reported as Docker reports it
    /// ("template parsing error: ...") with exit status 1.
    static func print(_ format: String, defaultTable: String, rows: [TemplateValue], header: TemplateObject,
                      rowType: String) throws {
        do {
            let parsed = try DockerFormat(format, defaultTable: defaultTable)
            Swift.print(try parsed.render(rows, header: header, missingKey: .structField(rowType)), terminator: "")
        } catch {
            StandardError.line("template parsing error: \(error.message)")
            throw ExitCode(1)
        }
    }
}

/// A row of a listing as the template sees it: Docker's field names, every value a string (as
/// the methods of Docker's formatter contexts return), keys sorted and `<>&` escaped so `{{json .}}`
/// prints them as Docker's json.Marshal does (`"Digest":"\u003cnone\u003e"`).
func formatRow(_ fields: [String: String]) -> TemplateValue {
    var row = TemplateObject(fields.keys.sorted().map { ($0, TemplateValue.string(fields[$0] ?? "")) })
    row.escapesHTMLInJSON = true
    return .object(row)
}

/// Go's `time.Time.String()` for a Unix time in the local zone: `2024-05-01 10:00:00 +0000 UTC`,
/// which `{{.CreatedAt}}` prints in Docker's listings.
enum GoTime {
    static func string(seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return "" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S %z %Z", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
