import ContainerRuntime
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport

/// `ContainerStore.find` decodes only the records that can match (the rest are read as
/// summaries); its answers must stay those of `listing()`: name, full id, unique prefix, an
/// ambiguous prefix, and a record that cannot be decoded.
@Suite("Finding a container by name or id")
struct ContainerFindTests {
    let records = RecordCompatibilityTests()
    static let other = ContainerID(full: "e4c5aaaa" + String(RecordCompatibilityTests.id.full.dropFirst(8)))

    /// The fixture store plus a second exited container, `other`, sharing the id's first four digits.
    func twoContainers(first json: String = RecordCompatibilityTests.exited) throws -> (ContainerStore, TemporaryDirectory) {
        let (store, directory) = try records.store(with: json)
        let otherJSON = RecordCompatibilityTests.exited.replacingOccurrences(of: RecordCompatibilityTests.id.full, with: Self.other.full)
            .replacingOccurrences(of: #""name" : "fixture""#, with: #""name" : "other""#)
        try FileManager.default.createDirectory(atPath: store.paths(for: Self.other).directory, withIntermediateDirectories: true)
        try FileWriting.write(otherJSON, to: store.paths(for: Self.other).record)
        return (store, directory)
    }

    @Test("by name, full id and unique prefix; an ambiguous prefix and an unknown name are errors")
    func answers() throws {
        let (store, directory) = try twoContainers()
        _ = directory
        let id = RecordCompatibilityTests.id
        #expect(try store.find("fixture").id == id)
        #expect(try store.find("other").id == Self.other)
        #expect(try store.find(id.full).id == id)
        #expect(try store.find("e4c5c").id == id)
        #expect(try store.find("e4c5a").id == Self.other)
        let ambiguous = try #require(throws: RuntimeError.self) { try store.find("e4c5") }
        #expect(ambiguous.message == "multiple containers match 'e4c5': use more of the id")
        let unknown = try #require(throws: RuntimeError.self) { try store.find("nobody") }
        #expect(unknown.message == "No such container: nobody")
        #expect(throws: RuntimeError.self) { try store.find("") }
    }

    @Test("a record that cannot be decoded matches no name or prefix, and its full id reports why")
    func undecodable() throws {
        let broken = RecordCompatibilityTests.exited.replacingOccurrences(of: #""network" : "bridge""#, with: #""network" : "no such network!""#)
        let (store, directory) = try twoContainers(first: broken)
        _ = directory
        let id = RecordCompatibilityTests.id
        #expect(store.summaries().count == 2)   // its name and status still read
        let byName = try #require(throws: RuntimeError.self) { try store.find("fixture") }
        #expect(byName.message == "No such container: fixture")
        #expect(try store.find("e4c5").id == Self.other)   // the only decodable match
        let byID = try #require(throws: RuntimeError.self) { try store.find(id.full) }
        #expect(byID.message.contains(store.paths(for: id).record), "\(byID)")
    }
}
