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

/// On a v1 host the container's process writes itself into its cgroup: 0 into the `tasks` file of
/// each hierarchy, which dockyard opened before the clone (LaunchPlan.Stage.joinCgroup). A thread
/// moving itself takes none of the global lock that moving a process by pid takes, the lock whose
/// first taker waits for an RCU grace period. These run real containers on this host's v1
/// hierarchies, with the host's cgroup namespace so /proc/self/cgroup shows the host's paths.
@Suite("cgroup v1: the process joins its cgroup itself", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.fileExists(atPath: "/sys/fs/cgroup/pids/tasks"),
                "needs root, /bin/busybox and cgroup v1 hierarchies under /sys/fs/cgroup"))
struct CgroupV1JoinTests {
    /// The v1 controllers a container joins that this host mounts.
    static var controllers: [String] {
        ["memory", "cpu", "cpuacct", "pids", "freezer", "devices"].filter { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/\($0)/tasks") }
    }

    /// The lines of /proc/self/cgroup naming `controller`'s hierarchy, e.g. "4:memory:/dockyard/ID".
    static func line(for controller: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.split(separator: ":").dropFirst().first?.split(separator: ",").contains(Substring(controller)) == true }.map(String.init)
    }

    func checkJoined(_ output: String, id: String) {
        for controller in Self.controllers {
            #expect(Self.line(for: controller, in: output)?.hasSuffix(":/dockyard/\(id)") == true, "\(controller): \(output)")
        }
    }

    func checkTold(_ events: [Event], id: String) {
        let writes = events.compactMap { event -> (String, String)? in
            if case let .cgroupWritten(path, value) = event.kind { return (path, value) } else { return nil }
        }
        let joins = writes.filter { $0.0.hasSuffix("/tasks") }
        #expect(joins.map(\.0) == Self.controllers.map { "/sys/fs/cgroup/\($0)/dockyard/\(id)/tasks" })
        #expect(joins.allSatisfy { $0.1 == "0" })
        #expect(!writes.contains { $0.0.hasSuffix("/cgroup.procs") }, "no process is moved by pid")
    }

    @Test("the first process writes 0 into each hierarchy's tasks file and runs in dockyard/<id> of every controller")
    func firstProcess() throws {
        let fixture = try ContainerFixture()
        let (outcome, output) = try fixture.run(["cat", "/proc/self/cgroup"]) { $0.cgroupnsHost = true }
        #expect(outcome.exitCode == 0)
        checkJoined(output, id: outcome.record.id.full)
        checkTold(fixture.events.events, id: outcome.record.id.full)
    }

    @Test("in a user namespace of its own too: the tasks files were opened by dockyard, whose credentials the kernel checks")
    func userNamespace() throws {
        let fixture = try ContainerFixture()
        chmod(fixture.root, 0o755)   // its root must be able to search the storage root
        let (outcome, output) = try fixture.run(["cat", "/proc/self/cgroup"]) {
            $0.cgroupnsHost = true
            $0.userNamespace = true
        }
        #expect(outcome.exitCode == 0, "\(output)")
        checkJoined(output, id: outcome.record.id.full)
    }

    @Test("an exec'd process joins the same way")
    func exec() throws {
        let fixture = try ContainerFixture()
        let runner = fixture.runner
        let request = {
            var request = RunRequest(image: fixture.image, command: ["sleep", "2"])
            request.cgroupnsHost = true
            return request
        }()
        nonisolated(unsafe) var outcome: ContainerRunner.Outcome?
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outcome = try? runner.run(request)
            done.signal()
        }
        defer { done.wait() }
        var running: ContainerRecord?
        for _ in 0..<300 where running == nil {
            running = fixture.store.all().first { $0.state.process != nil }
            if running == nil { usleep(10_000) }
        }
        let record = try #require(running)
        let recorder = EventRecorder()
        let status = try ContainerExecutor(store: fixture.store, kernel: LiveKernel(events: recorder))
            .exec(.init(command: ["sh", "-c", "cat /proc/self/cgroup > /exec-cgroup"]), in: record)
        #expect(status.code == 0)
        let output = String(decoding: FileManager.default.contents(atPath: fixture.store.paths(for: record.id).upperdir + "/exec-cgroup") ?? Data(),
                            as: UTF8.self)
        checkJoined(output, id: record.id.full)
        checkTold(recorder.events, id: record.id.full)
        _ = outcome
    }
}
