import ContainerRuntime
import FoundationEssentials
import Testing

/// The engine's event stream as a file: what one command appends another reads back, whole
/// lines only, whatever the names hold.
struct EventJournalTests {
    @Test("events appended are read back in order, with quotes, backslashes and control characters intact, from any offset")
    func roundTrip() throws {
        let root = FileManager.default.temporaryDirectory.path + "/journal-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let journal = EventJournal(root: root)
        #expect(journal.read().events.isEmpty)
        let first = EngineEvent(action: "create", id: String(repeating: "a", count: 64),
                                attributes: ["name": "web", "image": "odd \"name\" \\ with\ttab\n"], timeNano: 1_000_000_001)
        let second = EngineEvent(type: "network", action: "connect", id: "net", attributes: [:], timeNano: 2_000_000_000)
        journal.append(first)
        let (events, offset) = journal.read()
        #expect(events == [first])
        journal.append(second)
        #expect(journal.read(from: offset).events == [second])
        #expect(journal.read().events == [first, second])
        #expect(second.time == 2)
    }
}
