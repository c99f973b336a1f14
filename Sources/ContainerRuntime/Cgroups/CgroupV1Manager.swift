import FoundationEssentials
import LinuxKernel

/// A container's cgroup on a v1 (or hybrid) host: one directory in each controller's own
/// hierarchy, e.g. /sys/fs/cgroup/memory/dockyard/<id> and /sys/fs/cgroup/pids/dockyard/<id>.
struct CgroupV1Manager: CgroupManager {
    let root: String
    let group: String

    /// The controllers a container joins, each in its own hierarchy: limits (memory, cpu, pids),
    /// CPU accounting for `stats` (cpuacct), `pause` (freezer), and which device nodes it may
    /// open (devices, CgroupV1Manager+Devices.swift) — those this host has.
    static let wanted = ["memory", "cpu", "cpuacct", "pids", "freezer", "devices"]

    /// Those of `wanted` this host mounts, looked up once per manager (a run asks for them eight
    /// times: six stat calls each).
    let controllers: [String]

    init(root: String, group: String) {
        self.root = root
        self.group = group
        self.controllers = Self.wanted.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)") }
    }

    var paths: [String] { controllers.map(directory) }

    func directory(_ controller: String) -> String { "\(root)/\(controller)/\(group)" }

    func create(limits: ResourceLimits, kernel: any Kernel) throws {
        for controller in controllers {
            try kernel.createCgroup(directory(controller), version: 1, controller: controller)
        }
        try writeLimits(limits, changed: limits.given, lifting: false, kernel: kernel)
    }

    func setLimits(_ limits: ResourceLimits, changed: LimitChange, kernel: any Kernel) throws {
        try writeLimits(limits, changed: changed, lifting: true, kernel: kernel)
    }

    /// `lifting`: the cgroup may already have a memory+swap limit (an update), see `setMemory`.
    private func writeLimits(_ limits: ResourceLimits, changed: LimitChange, lifting: Bool, kernel: any Kernel) throws {
        if changed.contains(.memory) { try setMemory(limits.memoryBytes, lifting: lifting, kernel: kernel) }
        if changed.contains(.cpus) {
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.cfs_period_us", String(ResourceLimits.cpuPeriod))
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.cfs_quota_us", String(limits.cpuQuota ?? -1))
        }
        if changed.contains(.pids) {
            try kernel.writeCgroupFile(directory("pids") + "/pids.max", limits.pids.map(String.init) ?? "max")
        }
    }

    /// memory.limit_in_bytes, and memory+swap at twice it. Without swap accounting capped too, a
    /// process over the limit swaps instead of being OOM-killed; Docker's default caps memory+swap
    /// at twice the memory limit. The kernel refuses a memory+swap limit below the memory limit,
    /// so on a change memory+swap is lifted first and capped again after. Whether the kernel
    /// accounts swap is the host's, seen in the root cgroup: so the simulation on the same host
    /// makes the same writes.
    private func setMemory(_ bytes: Int64?, lifting: Bool, kernel: any Kernel) throws {
        let swapAccounted = FileManager.default.fileExists(atPath: "\(root)/memory/memory.memsw.limit_in_bytes")
        let memsw = directory("memory") + "/memory.memsw.limit_in_bytes"
        if swapAccounted, lifting { try kernel.writeCgroupFile(memsw, "-1") }
        try kernel.writeCgroupFile(directory("memory") + "/memory.limit_in_bytes", bytes.map(String.init) ?? "-1")
        if swapAccounted, let bytes { try kernel.writeCgroupFile(memsw, String(bytes * 2)) }
    }

    func add(pid: Int32, kernel: any Kernel) throws {
        for controller in controllers {
            try kernel.writeCgroupFile(directory(controller) + "/cgroup.procs", String(pid))
        }
    }

    func usage(kernel: any Kernel) -> CgroupUsage {
        let limit = cgroupNumber(directory("memory") + "/memory.limit_in_bytes", kernel: kernel)
        return CgroupUsage(cpuNanoseconds: cgroupNumber(directory("cpuacct") + "/cpuacct.usage", kernel: kernel) ?? 0,
                           memoryBytes: cgroupNumber(directory("memory") + "/memory.usage_in_bytes", kernel: kernel) ?? 0,
                           // v1 writes "no limit" as the largest page-aligned 64-bit number.
                           memoryLimit: limit.flatMap { $0 >= (UInt64(1) << 62) ? nil : $0 },
                           pids: cgroupNumber(directory("pids") + "/pids.current", kernel: kernel) ?? 0)
    }

    func setFrozen(_ frozen: Bool, kernel: any Kernel) throws {
        try kernel.writeCgroupFile(directory("freezer") + "/freezer.state", frozen ? "FROZEN" : "THAWED")
    }

    func processes(kernel: any Kernel) -> [Int32] {
        cgroupProcesses(directory("memory"), kernel: kernel)
    }

    func oomKilled(kernel: any Kernel) -> Bool {
        // memory.oom_control reads "oom_kill_disable 0\nunder_oom 0\noom_kill N".
        guard let text = kernel.readCgroupFile(directory("memory") + "/memory.oom_control") else { return false }
        return cgroupCounter(named: "oom_kill", in: text) > 0
    }
}

/// The value of `name N` in a flat-keyed cgroup file such as memory.events.
func cgroupCounter(named name: String, in text: String) -> Int64 {
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: " ")
        if fields.count == 2, fields[0] == name { return Int64(fields[1]) ?? 0 }
    }
    return 0
}
