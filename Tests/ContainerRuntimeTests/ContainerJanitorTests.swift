import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport

/// The janitor finishes off containers whose dockyard died, and leaves the others alone: a
/// container created and never started (nothing made) is skipped without its cgroup files being
/// read, while one whose start died after making its cgroup has that cgroup removed.
@Suite("Container janitor")
struct ContainerJanitorTests {
    let records = RecordCompatibilityTests()

    /// The exited fixture as a created container whose cgroup directories live under `directory`.
    func createdStore() throws -> (ContainerStore, [TemporaryDirectory], [String]) {
        let cgroups = try TemporaryDirectory(prefix: "janitor-cgroups")
        let json = RecordCompatibilityTests.exited
            .replacing(#""status" : "exited""#, with: #""status" : "created""#)
            .replacing(#"\/sys\/fs\/cgroup\/"#, with: cgroups.path + "/")
        let (store, directory) = try records.store(with: json)
        let paths = try store.load(RecordCompatibilityTests.id).cgroupPaths
        #expect(paths.allSatisfy { $0.hasPrefix(cgroups.path) })
        return (store, [cgroups, directory], paths)
    }

    @Test("a created container that made nothing keeps its record; one whose start left a cgroup directory loses the directory")
    func createdContainers() throws {
        let (store, directories, paths) = try createdStore()
        defer { withExtendedLifetime(directories) {} }
        let janitor = ContainerJanitor(store: store, kernel: LiveKernel(events: DiscardingSink()))
        #expect(janitor.sweep().isEmpty)
        #expect(try store.load(RecordCompatibilityTests.id).state == .created)

        let leftover = try #require(paths.first { $0.contains("/pids/") })
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        #expect(janitor.sweep().isEmpty, "a container that never ran is not reported as cleaned")
        #expect(!FileManager.default.fileExists(atPath: leftover), "the cgroup its start left was removed")
        #expect(try store.load(RecordCompatibilityTests.id).state == .created, "and its record kept")
    }
}
