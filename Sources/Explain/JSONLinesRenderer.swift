/// Renders each event as one JSON object on its own line: `{"event":"mounted","simulated":false,...}`.
/// This is `--explain=json`; the object's keys follow `Event.fields`.
public struct JSONLinesRenderer: EventSink {
    private let write: @Sendable (String) -> Void

    /// - Parameter write: receives each line, newline included (the CLI passes a stderr writer).
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func emit(_ event: Event) {
        write(Self.line(for: event) + "\n")
    }

    /// The JSON text of one event, without a newline.
    public static func line(for event: Event) -> String {
        var out = "{\"event\":" + JSONText.quoted(event.name) + ",\"simulated\":" + (event.simulated ? "true" : "false")
        for (key, value) in event.fields {
            out += "," + JSONText.quoted(key) + ":" + JSONText.encode(value)
        }
        return out + "}"
    }
}

/// Minimal JSON writing for event lines (and the course site's search index); strings are
/// escaped as RFC 8259 requires.
public enum JSONText {
    static func encode(_ value: Event.Value) -> String {
        switch value {
        case let .string(s): quoted(s)
        case let .int(i): String(i)
        case let .bool(b): b ? "true" : "false"
        case let .strings(list): "[" + list.map { quoted($0) }.joined(separator: ",") + "]"
        case .null: "null"
        }
    }

    /// A JSON string literal. `forScript`: also escape `<`, so the text can sit inside an HTML
    /// `<script>` element without `</script>` ending it.
    public static func quoted(_ s: String, forScript: Bool = false) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<" where forScript: out += "\\u003c"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
