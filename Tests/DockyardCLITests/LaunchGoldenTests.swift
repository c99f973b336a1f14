import ContainerRuntime
import Explain
import Foundation
import LinuxKernel
import Testing
import TestSupport

/// What `--explain` and the simulation tell must be what the kernel did: each container here runs
/// for real and in the simulation, and both must report the same kinds of kernel objects in the
/// same order, from the cgroup's creation to the exec and from the exit to the cleanup (values
/// such as inodes, pids and addresses aside). The launch itself is one plan (LaunchPlan) both
/// kernels tell, so this holds by construction; the test keeps it so.
@Suite("Live and simulated runs tell the same kernel objects in the same order", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct LaunchGoldenTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "golden")
        chmod(directory.path, 0o755)   // --userns remap: its root must be able to search the storage root
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// The event kinds of one run, from `--explain=json` on stderr.
    func kinds(_ flags: [String], simulate: Bool) throws -> [String] {
        let result = try dockyard.run(["run", "--rm", "--explain=json"] + (simulate ? ["--simulate"] : []) + flags + ["busybox", "true"])
        #expect(result.status == 0, "\(flags): \(result.stderr)")
        return result.stderr.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["event"] as? String
        }
    }

    /// The launch (first cgroup made … exec) and the teardown (exit … last removal), without what
    /// only one side can tell: the simulation's notes, and the writable layer read at exit. In the
    /// teardown, a run of one kind counts once: the shared `dockyard` cgroup parents go only when
    /// no other container (another test's) still uses them.
    static func comparable(_ kinds: [String]) -> [String] {
        guard let start = kinds.firstIndex(of: "cgroupCreated") else { return kinds }
        let told = kinds[start...].filter { $0 != "note" && $0 != "writableLayerChanged" }
        let exit = told.firstIndex(of: "exited") ?? told.endIndex
        var teardown: [String] = []
        for kind in told[exit...] where teardown.last != kind { teardown.append(kind) }
        return Array(told[..<exit]) + teardown
    }

    @Test("run: default, --network none, -v, --userns remap, --read-only, -m, --device, --privileged, -u", arguments: [
        [String](), ["--network", "none"], ["--network", "none", "-v", "/tmp:/host-tmp:ro"],
        ["--network", "none", "--userns", "remap"], ["--network", "none", "--read-only"],
        ["--network", "none", "-m", "64m"], ["--network", "none", "--device", "/dev/fuse"],
        ["--network", "none", "--privileged"], ["--network", "none", "-u", "65534"],
    ])
    func run(flags: [String]) throws {
        let live = Self.comparable(try kinds(flags, simulate: false))
        let simulated = Self.comparable(try kinds(flags, simulate: true))
        #expect(live.contains("executed") && live.contains("pivotRoot"))
        #expect(live == simulated, "\(flags)\nlive:      \(live)\nsimulated: \(simulated)")
    }

    @Test("exec into a running container: the same joins, confinement and exec, live and simulated")
    func exec() throws {
        #expect(try dockyard.run(["run", "-d", "--name", "golden", "--network", "none", "busybox", "sleep", "60"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "golden"]) }
        let store = ContainerStore(root: dockyard.root)
        let record = try store.find("golden")
        func told(_ kernel: (any EventSink) -> any Kernel) throws -> [String] {
            let recorder = EventRecorder()
            _ = try ContainerExecutor(store: store, kernel: kernel(recorder)).exec(.init(command: ["true"]), in: record)
            return recorder.events.map { String(describing: $0.kind).prefix { $0 != "(" }.description }.filter { $0 != "note" }
        }
        let live = try told { LiveKernel(events: $0) }
        let simulated = try told { SimulatedKernel(events: $0) }
        #expect(live.contains("namespaceJoined") && live.last == "executed", "\(live)")
        #expect(live == simulated, "live:      \(live)\nsimulated: \(simulated)")
    }
}
