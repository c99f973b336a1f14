import Explain
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Dockyard's event stream, kept where Docker's daemon keeps it in memory: with no daemon, the
/// engine appends each `EngineEvent` as one JSON line to `<root>/events.jsonl`, and `dockyard
/// events` reads (and follows) the file. One write(2) of one line with O_APPEND, so lines from
/// concurrent commands never interleave.
public struct EventJournal: Sendable {
    public let path: String

    public init(root: String) {
        self.path = root + "/events.jsonl"
    }

    /// Appends the event; a journal that cannot be written never fails the command it reports on.
    public func append(_ event: EngineEvent) {
        let line = Self.line(event)
        guard let file = try? FileDescriptor.open(path, O_WRONLY | O_APPEND | O_CREAT, permissions: 0o600) else { return }
        defer { file.close() }
        try? file.writeAll(line)
    }

    /// One event as a JSON line, written by hand: `run` appends several per container, and
    /// JSONEncoder's start-up would cost more than the rest of the append.
    static func line(_ event: EngineEvent) -> String {
        let quoted = { (text: String) in JSONText.quoted(text) }
        let attributes = event.attributes.keys.sorted().map { "\(quoted($0)):\(quoted(event.attributes[$0] ?? ""))" }
        return "{\"type\":\(quoted(event.type)),\"action\":\(quoted(event.action)),\"id\":\(quoted(event.id)),"
            + "\"attributes\":{\(attributes.joined(separator: ","))},\"timeNano\":\(event.timeNano)}\n"
    }

    /// The events from byte `offset` on, and the offset after the last whole line read (a line
    /// still being written is left for the next read).
    public func read(from offset: Int64 = 0) -> (events: [EngineEvent], next: Int64) {
        guard let file = try? FileDescriptor.open(path, O_RDONLY) else { return ([], offset) }
        defer { file.close() }
        guard lseek(file.rawValue, off_t(offset), SEEK_SET) >= 0, let bytes = try? file.readAll(path: path),
              let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return ([], offset) }
        let decoder = JSONDecoder()
        let events = bytes[...lastNewline].split(separator: UInt8(ascii: "\n")).compactMap {
            try? decoder.decode(EngineEvent.self, from: Data($0))
        }
        return (events, offset + Int64(lastNewline) + 1)
    }
}
