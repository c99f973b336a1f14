import ArgumentParser
import GoTemplate
#if canImport(Glibc)
import Glibc
#endif

/// `inspect -f`: the template runs over each object as the JSON `inspect` prints it (Docker runs
/// it over the same JSON, with `missingkey=error`, when a field is not in its Go types), one line
/// per object. Docker's statuses: 64 when the template does not parse, 1 when it fails on an object.
enum InspectFormat {
    /// The template, or Docker's message and exit 64. It exits here, before anything is printed:
    /// a thrown `ExitCode(64)` would be taken for ArgumentParser's usage error, which Dockyard
    /// reports with 125 as Docker does.
    static func parse(_ format: String) -> Template {
        do {
            return try Template(format)
        } catch {
            StandardError.line("template parsing error: \(error.message)")
            Glibc.exit(64)
        }
    }

    /// Prints each object's line; returns false when the template failed on any of them (already
    /// reported on stderr). Nothing printed at all still prints one empty line, as Docker does.
    static func print(_ template: Template, objects: [some Encodable]) throws -> Bool {
        var output = ""
        var succeeded = true
        for object in objects {
            let value = try TemplateValue(json: InspectJSON.render(object))
            do {
                output += try template.execute(value, missingKey: .error) + "\n"
            } catch {
                StandardError.line("template parsing error: \(error.message)")
                succeeded = false
            }
        }
        Swift.print(output.isEmpty ? "\n" : output, terminator: "")
        return succeeded
    }

    /// An empty format or `json` means the plain JSON array, as in Docker.
    static func template(for format: String?) throws -> Template? {
        guard let format, !format.isEmpty, format != "json" else { return nil }
        return parse(format)
    }
}
