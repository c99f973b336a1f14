import ArgumentParser
import ContainerRuntime
import GoTemplate
#if canImport(Glibc)
import Glibc
#endif

/// How `events` prints one event: Docker's line, or the template over Docker's `events.Message`.
enum EventOutput {
    /// The `--format` template (`json` is `{{json .}}`), or Docker's message and exit 64.
    static func template(_ format: String) -> Template {
        do { return try DockerFormat(format, defaultTable: "").template } catch {
            StandardError.line("template parsing error: \(error.message)")
            Glibc.exit(64)
        }
    }

    /// Docker's line, or what the template makes of the event.
    static func print(_ event: EngineEvent, template: Template?) throws {
        defer { fflush(nil) }   // a reader on a pipe sees each event as it happens
        guard let template else { return Swift.print(line(event)) }
        do { Swift.print(try template.execute(message(event), missingKey: .noValue)) } catch {
            StandardError.line("template parsing error: \(error.message)")
            throw ExitCode(1)
        }
    }

    /// Docker's line: the time with nanoseconds, type, action, id, and the attributes sorted.
    static func line(_ event: EngineEvent) -> String {
        let attributes = event.attributes.keys.sorted().map { "\($0)=\(event.attributes[$0] ?? "")" }
        return "\(timeText(event.timeNano)) \(event.type) \(event.action) \(event.id)"
            + (attributes.isEmpty ? "" : " (\(attributes.joined(separator: ", ")))")
    }

    /// Go's `2006-01-02T15:04:05.000000000Z07:00` in the local zone.
    static func timeText(_ nanoseconds: Int64) -> String {
        var seconds = time_t(nanoseconds / 1_000_000_000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let date = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fraction = String(nanoseconds % 1_000_000_000)
        let offset = parts.tm_gmtoff
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + pad(abs(offset) / 3600) + ":" + pad(abs(offset) / 60 % 60)
        return date + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + zone
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Docker's `events.Message` as JSON and templates see it, in its field order.
    static func message(_ event: EngineEvent) -> TemplateValue {
        let attributes = TemplateObject(event.attributes.keys.sorted().map { ($0, .string(event.attributes[$0] ?? "")) })
        var fields: [(String, TemplateValue)] = []
        if event.type == "container" {
            fields += [("status", .string(event.action)), ("id", .string(event.id)), ("from", .string(event.attributes["image"] ?? ""))]
        }
        fields += [
            ("Type", .string(event.type)), ("Action", .string(event.action)),
            ("Actor", .object(TemplateObject([("ID", .string(event.id)), ("Attributes", .object(attributes))]))),
            ("scope", "local"), ("time", .int(event.time)), ("timeNano", .int(event.timeNano)),
        ]
        return .object(TemplateObject(fields))
    }
}
