import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

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

    /// The created fixture as a `--rm` container, naming `creatingRun` as the `run` that made it.
    func removableStore(creatingRun: (pid: Int32, startTime: UInt64)?) throws -> (ContainerStore, TemporaryDirectory) {
        var json = RecordCompatibilityTests.exited
            .replacing(#""status" : "exited""#, with: #""status" : "created""#)
            .replacing(#""autoRemove" : false"#, with: #""autoRemove" : true"#)
        if let creatingRun {
            json = json.replacing(#""cgroupPaths" : ["#, with: #""creatingRun" : { "pid" : \#(creatingRun.pid), "startTime" : \#(creatingRun.startTime) },"#
                                  + "\n" + #""cgroupPaths" : ["#)
        }
        return try records.store(with: json)
    }

    @Test("a run --rm container left created by a run that is gone is removed; one whose run lives, and a create --rm one, stay")
    func createdByKilledRun() throws {
        let id = RecordCompatibilityTests.id
        let janitor = { (store: ContainerStore) in ContainerJanitor(store: store, kernel: LiveKernel(events: DiscardingSink())) }
        let stat = try String(contentsOfFile: "/proc/self/stat", encoding: .utf8)
        let startTime = try #require(ProcessStat.startTime(in: stat))

        let (living, livingRoot) = try removableStore(creatingRun: (getpid(), startTime))
        let recorded = try living.load(id).creatingRun
        #expect(recorded?.pid == getpid() && recorded?.startTime == startTime)
        #expect(janitor(living).sweep().isEmpty, "its run (this process) may still start it")
        #expect(try living.load(id).state == .created)

        // The same pid with another start time: a later process was given the dead run's pid.
        let (orphaned, orphanedRoot) = try removableStore(creatingRun: (getpid(), startTime + 1))
        #expect(janitor(orphaned).sweep() == [id])
        #expect(!FileManager.default.fileExists(atPath: orphaned.paths(for: id).directory), "the container's directory was removed")

        let (created, createdRoot) = try removableStore(creatingRun: nil)
        #expect(janitor(created).sweep().isEmpty, "create --rm: kept for a start, as Docker keeps it")
        #expect(try created.load(id).state == .created)
        withExtendedLifetime([livingRoot, orphanedRoot, createdRoot]) {}
    }
}
