import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing

/// `--memory-swap`, `--memory-reservation`, `--oom-kill-disable`, `--cpu-shares` and
/// `--cpuset-cpus` as each backend writes them: v1 into its controllers' files, v2 into the one
/// directory (a plain tree standing in for a pure v2 /sys/fs/cgroup, as in CgroupTests).
@Suite("cgroup limits beyond memory, cpus and pids")
struct CgroupMoreLimitsTests {
    let root = FileManager.default.temporaryDirectory.path + "/fake-cgroupfs-more-\(UInt64.random(in: 0...UInt64.max))"

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static var limits: ResourceLimits {
        var limits = ResourceLimits(memoryBytes: 64 << 20)
        limits.memorySwapBytes = 96 << 20
        limits.memoryReservationBytes = 32 << 20
        limits.cpuShares = 512
        limits.cpusetCpus = "0"
        return limits
    }

    @Test("v2 writes memory.swap.max as swap beyond memory, memory.low, cpu.weight and cpuset.cpus, enabling cpuset")
    func v2() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root + "/cgroup.controllers", "cpuset cpu io memory pids\n")
        let id = ContainerID.random()
        let manager = CgroupHost.unified(root: root).manager(for: id, limits: Self.limits)
        try manager.create(limits: Self.limits, kernel: LiveKernel(events: DiscardingSink()))
        let dir = "\(root)/dockyard/\(id.full)"
        #expect(read(root + "/cgroup.subtree_control") == "+memory +cpu +pids +cpuset")
        #expect(read(dir + "/memory.max") == "67108864")
        #expect(read(dir + "/memory.swap.max") == "33554432")
        #expect(read(dir + "/memory.low") == "33554432")
        #expect(read(dir + "/cpu.weight") == "20")   // runc's conversion of 512 shares
        #expect(read(dir + "/cpuset.cpus") == "0")
    }

    @Test("v2 writes max swap for --memory-swap -1, and refuses --cpuset-cpus when the root offers no cpuset")
    func v2Unlimited() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root + "/cgroup.controllers", "cpu memory pids\n")
        var limits = ResourceLimits(memoryBytes: 64 << 20)
        limits.memorySwapBytes = -1
        let kernel = LiveKernel(events: DiscardingSink())
        let id = ContainerID.random()
        try CgroupHost.unified(root: root).manager(for: id).create(limits: limits, kernel: kernel)
        #expect(read("\(root)/dockyard/\(id.full)/memory.swap.max") == "max")
        limits.cpusetCpus = "0"
        #expect(throws: RuntimeError.self) {
            try CgroupHost.unified(root: root).manager(for: ContainerID.random(), limits: limits).create(limits: limits, kernel: kernel)
        }
    }

    @Test("v1 writes memsw, soft limit, oom_control, cpu.shares, and joins cpuset only when asked, giving it mems first")
    func v1() throws {
        for controller in ["memory", "cpu", "pids", "cpuset"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(controller)", withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root + "/memory/memory.memsw.limit_in_bytes", "9223372036854771712\n")
        try write(root + "/cpuset/cpuset.cpus", "0-1\n")
        try write(root + "/cpuset/cpuset.mems", "0\n")
        var limits = Self.limits
        limits.oomKillDisable = true
        let id = ContainerID.random()
        #expect(!CgroupHost.legacy(root: root).manager(for: id).paths.contains { $0.contains("/cpuset/") })
        let manager = CgroupHost.legacy(root: root).manager(for: id, limits: limits)
        #expect(manager.paths.contains("\(root)/cpuset/dockyard/\(id.full)"))
        try manager.create(limits: limits, kernel: LiveKernel(events: DiscardingSink()))
        let memory = "\(root)/memory/dockyard/\(id.full)"
        #expect(read(memory + "/memory.memsw.limit_in_bytes") == "100663296")
        #expect(read(memory + "/memory.soft_limit_in_bytes") == "33554432")
        #expect(read(memory + "/memory.oom_control") == "1")
        #expect(read("\(root)/cpu/dockyard/\(id.full)/cpu.shares") == "512")
        #expect(read("\(root)/cpuset/dockyard/cpuset.mems") == "0")
        #expect(read("\(root)/cpuset/dockyard/\(id.full)/cpuset.mems") == "0")
        #expect(read("\(root)/cpuset/dockyard/\(id.full)/cpuset.cpus") == "0")
    }

    @Test("limits are checked against each other in Docker's words")
    func checks() {
        var limits = ResourceLimits()
        limits.memorySwapBytes = 1 << 30
        #expect(throws: RuntimeError.self) { try limits.check() }   // swap without memory
        limits.memoryBytes = 2 << 30
        #expect(throws: RuntimeError.self) { try limits.check() }   // swap below memory
        limits.memorySwapBytes = -1
        limits.memoryReservationBytes = 3 << 30
        #expect(throws: RuntimeError.self) { try limits.check() }   // reservation above memory
        limits.memoryReservationBytes = nil
        #expect(throws: Never.self) { try limits.check() }
        for bad in ["", "a", "1-", "3-1", "0,,1"] {
            limits.cpusetCpus = bad
            #expect(throws: RuntimeError.self, "\(bad)") { try limits.check() }
        }
        limits.cpusetCpus = "0-1,3"
        #expect(throws: Never.self) { try limits.check() }
        #expect(ResourceLimits.cpuWeight(shares: 1024) == 39)
        #expect(ResourceLimits.cpuWeight(shares: 2) == 1)
        #expect(ResourceLimits.cpuWeight(shares: 262_144) == 10000)
    }
}
