import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// cgroup v2's devices controller for real: this hybrid host's cgroup2 mount at
/// /sys/fs/cgroup/unified takes BPF_CGROUP_DEVICE programs like a pure v2 host. The container
/// is only in the v2 cgroup (not in a v1 devices cgroup), so the eBPF program alone decides.
@Suite("cgroup v2: the devices eBPF program", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.fileExists(atPath: "/sys/fs/cgroup/unified/cgroup.procs"),
                "needs root, /bin/busybox and a cgroup2 mount at /sys/fs/cgroup/unified"))
struct CgroupV2DevicesTests {
    static let unified = "/sys/fs/cgroup/unified"

    func run(_ script: String, configure: (inout RunRequest) -> Void = { _ in }) throws -> (ContainerRunner.Outcome, String, EventRecorder) {
        let fixture = try ContainerFixture()
        let runner = ContainerRunner(store: fixture.store, kernel: LiveKernel(events: fixture.events), cgroups: .unified(root: Self.unified))
        let outputPath = fixture.root + "/output"
        let fd = open(outputPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        var request = RunRequest(image: fixture.image, command: ["sh", "-c", script], standardOutput: fd, standardError: fd)
        configure(&request)
        let outcome = try runner.run(request)
        let output = FileManager.default.contents(atPath: outputPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (outcome, output, fixture.events)
    }

    /// Makes a node for the host's first loop device and for /dev/kmsg, and reads each and /dev/null.
    static let attack = """
        busybox mknod /tmp/loop b 7 0 && echo mknod-loop-ok
        busybox mknod /tmp/kmsg c 1 11 && echo mknod-kmsg-ok
        head -c 1 /tmp/loop >/dev/null 2>&1 && echo loop-opened || echo loop-refused
        head -c 1 /tmp/kmsg >/dev/null 2>&1 && echo kmsg-opened || echo kmsg-refused
        head -c 1 /dev/null && echo null-opened
        """

    @Test("with the program attached, a fresh loop or kmsg node cannot be opened, /dev/null can; the cgroup goes after")
    func refusesDevices() throws {
        let (outcome, output, events) = try run(Self.attack)
        #expect(output.split(separator: "\n") == ["mknod-loop-ok", "mknod-kmsg-ok", "loop-refused", "kmsg-refused", "null-opened"], "\(output)")
        let attached = events.events.compactMap { event -> (String, Int)? in
            if case let .deviceFilterAttached(cgroup, instructions, _) = event.kind { return (cgroup, instructions) } else { return nil }
        }
        #expect(attached.first?.0 == "\(Self.unified)/dockyard/\(outcome.record.id.full)")
        #expect(!FileManager.default.fileExists(atPath: "\(Self.unified)/dockyard/\(outcome.record.id.full)"))
    }

    @Test("--privileged attaches no program: the same nodes open")
    func privilegedOpens() throws {
        let (_, output, events) = try run(Self.attack) { $0.security.privileged = true }
        #expect(output.contains("loop-opened") && output.contains("kmsg-opened"), "\(output)")
        #expect(!events.events.contains { if case .deviceFilterAttached = $0.kind { true } else { false } })
    }
}
