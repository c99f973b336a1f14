import ContainerRuntime
import FoundationEssentials
import Testing
import TestSupport

/// `ContainerStore.summaries()` reads each record's name and status alone; what it says must be
/// what decoding the whole record says, and a record that is not JSON is left out as `all()` leaves it out.
@Suite("Container summaries")
struct ContainerSummaryTests {
    let records = RecordCompatibilityTests()

    @Test("a running and an exited record are summarised with their id, name and status", arguments: [
        (RecordCompatibilityTests.running, "running"), (RecordCompatibilityTests.exited, "exited"),
    ])
    func summarised(json: String, status: String) throws {
        let (store, directory) = try records.store(with: json)
        _ = directory
        let summaries = store.summaries()
        #expect(summaries.map(\.id) == [RecordCompatibilityTests.id])
        #expect(summaries.map(\.name) == ["fixture"])
        #expect(summaries.map(\.status) == [status])
        let record = try store.load(RecordCompatibilityTests.id)
        #expect((record.state.exit != nil) == (status == "exited"))
    }

    @Test("a record that is not JSON, or a directory without a record, has no summary")
    func unreadable() throws {
        let (store, directory) = try records.store(with: "{\"name\": \"fixture\", ")
        _ = directory
        #expect(store.summaries().isEmpty)
        #expect(store.all().isEmpty)
        try FileManager.default.removeItem(atPath: store.paths(for: RecordCompatibilityTests.id).record)
        #expect(store.summaries().isEmpty)
    }
}
