import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing

/// The v2 backend runs against a plain directory tree standing in for /sys/fs/cgroup, so it is
/// tested on this v1 machine exactly as it will write on a pure v2 one.
@Suite("cgroup backends")
struct CgroupTests {
    func fakeCgroupfs(v2: Bool) throws -> String {
        let root = FileManager.default.temporaryDirectory.path + "/fake-cgroupfs-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if v2 {
            try Data("cpuset cpu io memory pids\n".utf8).write(to: URL(fileURLWithPath: root + "/cgroup.controllers"))
        } else {
            for controller in ["memory", "cpu", "pids"] {
                try FileManager.default.createDirectory(atPath: "\(root)/\(controller)", withIntermediateDirectories: true)
            }
        }
        return root
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a pure v2 host is detected by cgroup.controllers at the root; a hybrid one by /unified")
    func detection() throws {
        let v2 = try fakeCgroupfs(v2: true)
        defer { try? FileManager.default.removeItem(atPath: v2) }
        #expect(CgroupHost.detect(root: v2) == .unified(root: v2))
        let v1 = try fakeCgroupfs(v2: false)
        defer { try? FileManager.default.removeItem(atPath: v1) }
        #expect(CgroupHost.detect(root: v1) == .legacy(root: v1))
        try FileManager.default.createDirectory(atPath: v1 + "/unified", withIntermediateDirectories: true)
        #expect(CgroupHost.detect(root: v1) == .hybrid(root: v1))
    }

    @Test("v2 writes memory.max, memory.swap.max, cpu.max and pids.max, enables controllers, and joins by cgroup.procs")
    func v2Limits() throws {
        let root = try fakeCgroupfs(v2: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let events = EventRecorder()
        let kernel = LiveKernel(events: events)
        let id = ContainerID.random()
        let manager = CgroupHost.unified(root: root).manager(for: id)
        #expect(manager.paths == ["\(root)/dockyard/\(id.full)"])

        try manager.create(limits: ResourceLimits(memoryBytes: 64 << 20, cpus: 0.5, pids: 20), kernel: kernel)
        try manager.add(pid: 4242, kernel: kernel)
        let dir = "\(root)/dockyard/\(id.full)"
        #expect(read(root + "/cgroup.subtree_control") == "+memory +cpu +pids")
        #expect(read(root + "/dockyard/cgroup.subtree_control") == "+memory +cpu +pids")
        #expect(read(dir + "/memory.max") == "67108864")
        #expect(read(dir + "/memory.swap.max") == "67108864")
        #expect(read(dir + "/cpu.max") == "50000 100000")
        #expect(read(dir + "/pids.max") == "20")
        #expect(read(dir + "/cgroup.procs") == "4242")
        #expect(events.events.filter { if case .cgroupWritten = $0.kind { true } else { false } }.count == 7)

        #expect(!manager.oomKilled(kernel: kernel))
        try Data("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n".utf8).write(to: URL(fileURLWithPath: dir + "/memory.events"))
        #expect(manager.oomKilled(kernel: kernel))

        try manager.remove(kernel: kernel)
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test("docker update on v2: only the limits asked for are rewritten, and a lifted one is written as max")
    func v2Update() throws {
        let root = try fakeCgroupfs(v2: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let kernel = LiveKernel(events: EventRecorder())
        let id = ContainerID.random()
        let manager = CgroupHost.unified(root: root).manager(for: id)
        try manager.create(limits: ResourceLimits(memoryBytes: 64 << 20, pids: 20), kernel: kernel)
        let dir = "\(root)/dockyard/\(id.full)"
        #expect(read(dir + "/cpu.max") == nil)
        try manager.setLimits(ResourceLimits(memoryBytes: 128 << 20, cpus: 1.5, pids: nil), changed: [.cpus, .pids], kernel: kernel)
        #expect(read(dir + "/memory.max") == "67108864", "memory was not asked for")
        #expect(read(dir + "/cpu.max") == "150000 100000")
        #expect(read(dir + "/pids.max") == "max")
        try manager.setLimits(ResourceLimits(memoryBytes: 128 << 20), changed: .memory, kernel: kernel)
        #expect(read(dir + "/memory.max") == "134217728")
        #expect(read(dir + "/memory.swap.max") == "134217728")
    }

    @Test("v1 writes each limit into its own controller's hierarchy")
    func v1Limits() throws {
        let root = try fakeCgroupfs(v2: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let kernel = LiveKernel(events: DiscardingSink())
        let id = ContainerID.random()
        let manager = CgroupHost.legacy(root: root).manager(for: id)
        #expect(manager.paths == ["memory", "cpu", "pids"].map { "\(root)/\($0)/dockyard/\(id.full)" })
        try manager.create(limits: ResourceLimits(memoryBytes: 1 << 30, cpus: 1.5, pids: 100), kernel: kernel)
        try manager.add(pid: 7, kernel: kernel)
        #expect(read("\(root)/memory/dockyard/\(id.full)/memory.limit_in_bytes") == "1073741824")
        #expect(read("\(root)/cpu/dockyard/\(id.full)/cpu.cfs_quota_us") == "150000")
        #expect(read("\(root)/cpu/dockyard/\(id.full)/cpu.cfs_period_us") == "100000")
        #expect(read("\(root)/pids/dockyard/\(id.full)/pids.max") == "100")
        for path in manager.paths { #expect(read(path + "/cgroup.procs") == "7") }
        try manager.remove(kernel: kernel)
        for path in manager.paths { #expect(!FileManager.default.fileExists(atPath: path)) }
    }
}
