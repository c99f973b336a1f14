import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Rootless cgroups against a directory tree laid out as systemd lays out a pure v2 host: the
/// user's `user@1000.service` is theirs (in the user namespace, owned by 0), the rest is root's.
@Suite("cgroup v2 delegation, rootless")
struct CgroupDelegationTests {
    static let service = "/user.slice/user-1000.slice/user@1000.service"
    static let scope = service + "/app.slice/run-r1.scope"

    /// A v2 root offering every controller, with the user's service delegated `controllers`.
    func fakeV2(delegating controllers: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.path + "/fake-delegated-\(UInt64.random(in: 0...UInt64.max))"
        try write(root + "/cgroup.controllers", "cpuset cpu io memory pids\n")
        for directory in [Self.service, Self.scope, "/user.slice/user-1000.slice/session-3.scope"] {
            try write(root + directory + "/cgroup.procs", "")
            try write(root + directory + "/cgroup.subtree_control", "")
        }
        try write(root + Self.service + "/cgroup.controllers", controllers + "\n")
        return root
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: parent(path), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func parent(_ path: String) -> String { String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// What systemd chowns to the user: the service's cgroup and everything below it.
    func usersFiles(under root: String) -> (String) -> Bool {
        { $0.hasPrefix(root + Self.service) }
    }

    func refusal(_ host: CgroupHost, _ limits: ResourceLimits) -> String? {
        do {
            try host.checkLimits(limits)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("/proc/self/cgroup's 0:: line is the process's v2 path, on a pure and on a hybrid host")
    func ownPath() {
        #expect(CgroupDelegation.ownPath(procSelfCgroup: "0::\(Self.scope)\n") == Self.scope)
        #expect(CgroupDelegation.ownPath(procSelfCgroup: "12:pids:/user.slice\n4:memory:/user.slice\n0::/user.slice/session-3.scope\n")
            == "/user.slice/session-3.scope")
        #expect(CgroupDelegation.ownPath(procSelfCgroup: "12:pids:/user.slice\n") == nil)
    }

    @Test("delegated cpu, memory and pids: the container's cgroup is <user@1000.service>/dockyard/<id>, with every limit written")
    func delegatedAll() throws {
        let root = try fakeV2(delegating: "cpu memory pids")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = CgroupHost.detectRootless(root: root, ownPath: Self.scope, isUsers: usersFiles(under: root))
        let delegated = root + Self.service
        #expect(host == .delegated(root: delegated, controllers: ["cpu", "memory", "pids"]))
        #expect(host.version == 2)
        let limits = ResourceLimits(memoryBytes: 64 << 20, cpus: 0.5, pids: 20)
        #expect(refusal(host, limits) == nil)

        let id = ContainerID.random()
        let kernel = LiveKernel(events: DiscardingSink())
        let manager = host.manager(for: id)
        let directory = "\(delegated)/dockyard/\(id.full)"
        #expect(manager.paths == [directory])
        #expect(manager.birthDirectory == directory)
        try manager.create(limits: limits, kernel: kernel)
        #expect(read(delegated + "/cgroup.subtree_control") == "+memory +cpu +pids")
        #expect(read(delegated + "/dockyard/cgroup.subtree_control") == "+memory +cpu +pids")
        #expect(read(directory + "/memory.max") == "67108864")
        #expect(read(directory + "/cpu.max") == "50000 100000")
        #expect(read(directory + "/pids.max") == "20")
        // The process's own cgroup is left alone: no controllers enabled where it runs.
        #expect(read(root + Self.scope + "/cgroup.subtree_control") == "")

        // rm and the janitor remove it by the paths the record kept.
        try CgroupHost.manager(forRecordedPaths: manager.paths).remove(kernel: kernel)
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test("delegated memory and pids only: --cpus is refused naming the cpu controller and Delegate=; -m and --pids-limit pass")
    func delegatedWithoutCPU() throws {
        let root = try fakeV2(delegating: "memory pids")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = CgroupHost.detectRootless(root: root, ownPath: Self.scope, isUsers: usersFiles(under: root))
        #expect(host == .delegated(root: root + Self.service, controllers: ["memory", "pids"]))
        let refused = try #require(refusal(host, ResourceLimits(cpus: 1)))
        #expect(refused.contains("--cpus needs the cgroup v2 cpu controller"), "\(refused)")
        #expect(refused.contains("Delegate=cpu cpuset io memory pids"), "\(refused)")
        #expect(refusal(host, ResourceLimits(memoryBytes: 1 << 20, pids: 10)) == nil)
        #expect(refusal(host, ResourceLimits()) == nil)
    }

    @Test("the create of a run asking for --cpus fails before anything is made; one asking for -m writes memory.max")
    func runnerChecks() throws {
        let root = "/nonexistent/dockyard-delegation-\(UInt32.random(in: 0...UInt32.max))"
        let host = CgroupHost.delegated(root: root + Self.service, controllers: ["memory", "pids"])
        let events = EventRecorder()
        let runner = ContainerRunner(store: ContainerStore(root: root), kernel: SimulatedKernel(events: events), cgroups: host)
        let image = RunnableImage(reference: "busybox", id: "sha256:" + String(repeating: "1", count: 64),
                                  lowerdirs: [root + "/layers/a"], environment: ["PATH=/bin"], entrypoint: [],
                                  command: ["sh"], workingDirectory: "/", user: "")
        var request = RunRequest(image: image, command: ["true"], autoRemove: true)
        request.limits = ResourceLimits(cpus: 1)
        #expect(throws: RuntimeError.self) { try runner.create(request) }
        #expect(events.events.isEmpty)

        request.limits = ResourceLimits(memoryBytes: 1 << 20)
        let outcome = try runner.run(request)
        let memoryMax = "\(root)\(Self.service)/dockyard/\(outcome.record.id.full)/memory.max"
        #expect(events.events.contains { if case .cgroupWritten(memoryMax, "1048576") = $0.kind { true } else { false } })
    }

    @Test("no delegated ancestor inside user@1000.service: unavailable, naming Delegate= and systemctl edit user@.service")
    func notDelegated() throws {
        let root = try fakeV2(delegating: "")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = CgroupHost.detectRootless(root: root, ownPath: Self.scope, isUsers: { _ in false })
        guard case let .unavailable(reason) = host else { Issue.record("\(host)"); return }
        #expect(reason.contains("systemctl edit user@.service"), "\(reason)")
        #expect(reason.contains("Delegate=cpu cpuset io memory pids"), "\(reason)")
        #expect(refusal(host, ResourceLimits()) == nil)
        let refused = try #require(refusal(host, ResourceLimits(memoryBytes: 1 << 20)))
        #expect(refused.contains("--memory needs a cgroup"), "\(refused)")
    }

    @Test("a process in a login's session-3.scope, outside user@1000.service: unavailable, naming systemd-run --user --scope")
    func outsideUserService() throws {
        let root = try fakeV2(delegating: "cpu memory pids")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = CgroupHost.detectRootless(root: root, ownPath: "/user.slice/user-1000.slice/session-3.scope",
                                             isUsers: usersFiles(under: root))
        guard case let .unavailable(reason) = host else { Issue.record("\(host)"); return }
        #expect(reason.contains("systemd-run --user --scope"), "\(reason)")
        #expect(reason.contains("session-3.scope"), "\(reason)")
    }

    @Test("a process directly in the delegated cgroup: unavailable, since a cgroup with processes enables no controllers for children")
    func inDelegatedRoot() throws {
        let root = try fakeV2(delegating: "cpu memory pids")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = CgroupHost.detectRootless(root: root, ownPath: Self.service, isUsers: usersFiles(under: root))
        guard case let .unavailable(reason) = host else { Issue.record("\(host)"); return }
        #expect(reason.contains("directly in the delegated cgroup"), "\(reason)")
        #expect(reason.contains("systemd-run --user --scope"), "\(reason)")
    }

    @Test("a v1 or hybrid host: unavailable, naming systemd.unified_cgroup_hierarchy=1")
    func legacyHosts() throws {
        let root = FileManager.default.temporaryDirectory.path + "/fake-v1-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/memory", withIntermediateDirectories: true)
        for _ in ["legacy", "hybrid"] {
            let host = CgroupHost.detectRootless(root: root, ownPath: Self.scope, isUsers: { _ in true })
            guard case let .unavailable(reason) = host else { Issue.record("\(host)"); return }
            #expect(reason.contains("systemd.unified_cgroup_hierarchy=1"), "\(reason)")
            try FileManager.default.createDirectory(atPath: root + "/unified", withIntermediateDirectories: true)
        }
    }

    @Test("ownership is read from st_uid: the delegated root is the shallowest cgroup whose files belong to the uid",
          .enabled(if: geteuid() == 0, "needs root to chown"))
    func ownershipByUID() throws {
        let root = try fakeV2(delegating: "memory pids")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let uid: uid_t = 4242
        var directory = root + Self.service
        for path in [directory, directory + "/cgroup.procs", directory + "/cgroup.subtree_control"] {
            #expect(chown(path, uid, uid) == 0)
        }
        // app.slice below is the user's too; the shallowest, user@1000.service, is the root.
        directory += "/app.slice"
        for path in [directory, directory + "/run-r1.scope", directory + "/run-r1.scope/cgroup.procs",
                     directory + "/run-r1.scope/cgroup.subtree_control"] {
            #expect(chown(path, uid, uid) == 0)
        }
        let host = CgroupHost.detectRootless(root: root, ownPath: Self.scope, isUsers: CgroupDelegation.owned(by: uid))
        #expect(host == .delegated(root: root + Self.service, controllers: ["memory", "pids"]))
    }
}
