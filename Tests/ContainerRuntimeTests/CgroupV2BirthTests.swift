import ContainerRuntime
import Dispatch
import Explain
import FoundationEssentials
import LinuxKernel
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The v2 path against a real cgroup2 filesystem: this hybrid host's empty v2 hierarchy at
/// /sys/fs/cgroup/unified (no controllers, so no limits, but real cgroups). The container is
/// born in its cgroup by clone3(CLONE_INTO_CGROUP) instead of being moved in afterwards.
@Suite("cgroup v2: born in its cgroup", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.fileExists(atPath: "/sys/fs/cgroup/unified/cgroup.procs"),
                "needs root, /bin/busybox and a cgroup2 mount at /sys/fs/cgroup/unified"))
struct CgroupV2BirthTests {
    static let unified = "/sys/fs/cgroup/unified"

    @Test("clone3 puts the process in dockyard/<id> from birth, with no cgroup.procs write, and the cgroup goes after")
    func bornInCgroup() throws {
        let fixture = try ContainerFixture()
        let runner = ContainerRunner(store: fixture.store, kernel: LiveKernel(events: fixture.events), cgroups: .unified(root: Self.unified))
        let request = RunRequest(image: fixture.image, command: ["sleep", "2"])
        nonisolated(unsafe) var outcome: ContainerRunner.Outcome?
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outcome = try? runner.run(request)
            done.signal()
        }
        // While it sleeps, the host sees the process in the container's v2 cgroup.
        var seen = ""
        for _ in 0..<200 {
            let groups = (try? FileManager.default.contentsOfDirectory(atPath: Self.unified + "/dockyard")) ?? []
            if let group = groups.first(where: { $0.count == 64 }),
               let procs = FileManager.default.contents(atPath: "\(Self.unified)/dockyard/\(group)/cgroup.procs"),
               let pid = String(decoding: procs, as: UTF8.self).split(separator: "\n").first {
                seen = String(decoding: FileManager.default.contents(atPath: "/proc/\(pid)/cgroup") ?? Data(), as: UTF8.self)
                break
            }
            usleep(10_000)
        }
        done.wait()
        let id = try #require(outcome?.record.id.full)
        #expect(outcome?.exitCode == 0)
        #expect(seen.contains("0::/dockyard/\(id)"), "\(seen)")
        let flags = fixture.events.events.compactMap { event -> [String]? in
            if case let .processCloned(_, flags) = event.kind { return flags } else { return nil }
        }.first ?? []
        #expect(flags.contains("CLONE_INTO_CGROUP(\(Self.unified)/dockyard/\(id))"), "\(flags)")
        let procsWrites = fixture.events.events.filter { event in
            if case let .cgroupWritten(path, _) = event.kind { return path.hasSuffix("cgroup.procs") } else { return false }
        }
        #expect(procsWrites.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(Self.unified)/dockyard/\(id)"))
    }

    @Test("a limit for a controller the v2 root does not offer is refused, and nothing is left")
    func missingController() throws {
        let fixture = try ContainerFixture()
        let runner = ContainerRunner(store: fixture.store, kernel: LiveKernel(events: DiscardingSink()), cgroups: .unified(root: Self.unified))
        var request = RunRequest(image: fixture.image, command: ["true"])
        request.limits = ResourceLimits(memoryBytes: 64 << 20)
        #expect(throws: RuntimeError.self) { try runner.run(request) }
        // Only this container's cgroup counts: other suites make v2 cgroups here at the same time.
        let ids = fixture.store.all().map(\.id.full)
        #expect(ids.count == 1)
        for id in ids { #expect(!FileManager.default.fileExists(atPath: "\(Self.unified)/dockyard/\(id)")) }
    }
}
