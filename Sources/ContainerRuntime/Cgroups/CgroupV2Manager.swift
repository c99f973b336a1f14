import LinuxKernel

/// A container's cgroup on a v2 (unified) host: one directory, /sys/fs/cgroup/dockyard/<id>,
/// whose parent hands it the memory, cpu and pids controllers through cgroup.subtree_control.
struct CgroupV2Manager: CgroupManager {
    let root: String
    let group: String

    var directory: String { "\(root)/\(group)" }
    var paths: [String] { [directory] }

    /// The parent cgroup, /sys/fs/cgroup/dockyard, shared by all containers.
    private var parent: String {
        let components = group.split(separator: "/").dropLast()
        return ([root] + components.map(String.init)).joined(separator: "/")
    }

    /// On v2 a new process can be born in its cgroup (clone3 with CLONE_INTO_CGROUP).
    var birthDirectory: String? { directory }

    func create(limits: ResourceLimits, kernel: any Kernel) throws {
        // v2's rule: a controller is usable in a cgroup only if its parent enables it for its
        // children, all the way down from the root. Only the controllers the root offers can be
        // enabled; a limit that needs a missing one is refused rather than silently dropped.
        let offered = kernel.readCgroupFile(root + "/cgroup.controllers").map { Set($0.split(whereSeparator: \.isWhitespace)) }
        let wanted = ["memory", "cpu", "pids"] + (limits.cpusetCpus != nil ? ["cpuset"] : [])
            + (limits.deviceReadBps != nil || limits.deviceWriteBps != nil ? ["io"] : [])
        let enabled = wanted.filter { offered?.contains(Substring($0)) ?? true }
        for (flag, controller) in CgroupHost.controllersAsked(by: limits) where !enabled.contains(controller) {
            throw RuntimeError(code: .system, "\(flag) needs the cgroup v2 \(controller) controller, which \(root) does not offer")
        }
        try kernel.createCgroup(parent, version: 2, controller: nil)
        if !enabled.isEmpty {
            let control = enabled.map { "+" + $0 }.joined(separator: " ")
            try kernel.writeCgroupFile(root + "/cgroup.subtree_control", control)
            try kernel.writeCgroupFile(parent + "/cgroup.subtree_control", control)
        }
        try kernel.createCgroup(directory, version: 2, controller: nil)
        if let memory = limits.memoryBytes {
            try kernel.writeCgroupFile(directory + "/memory.max", String(memory))
            // v2 counts swap apart from memory: Docker's memory+swap total less the memory.
            try kernel.writeCgroupFile(directory + "/memory.swap.max", limits.memoryAndSwap.map { String($0 - memory) } ?? "max")
        }
        if let reservation = limits.memoryReservationBytes {
            try kernel.writeCgroupFile(directory + "/memory.low", String(reservation))
        }
        if let quota = limits.cpuQuota {
            try kernel.writeCgroupFile(directory + "/cpu.max", "\(quota) \(limits.effectiveCPUPeriod)")
        }
        if let shares = limits.cpuShares {
            try kernel.writeCgroupFile(directory + "/cpu.weight", String(ResourceLimits.cpuWeight(shares: shares)))
        }
        if let cpus = limits.cpusetCpus {
            try kernel.writeCgroupFile(directory + "/cpuset.cpus", cpus)
        }
        // v2 has no switch that turns the OOM killer off (memory.oom.group only widens it), so
        // `--oom-kill-disable` is refused before create on v2 (RunCommand says so, as Docker warns).
        if let pids = limits.pids {
            try kernel.writeCgroupFile(directory + "/pids.max", String(pids))
        }
        // io.max takes one device per write; both rates of a device go on its one line.
        for line in BlockIOLimit.ioMaxLines(read: limits.deviceReadBps ?? [], write: limits.deviceWriteBps ?? []) {
            try kernel.writeCgroupFile(directory + "/io.max", line)
        }
    }

    /// `docker update`: rewrites the limits `changed` names; one that is nil becomes "max".
    func setLimits(_ limits: ResourceLimits, changed: LimitChange, kernel: any Kernel) throws {
        if changed.contains(.memory) {
            try kernel.writeCgroupFile(directory + "/memory.max", limits.memoryBytes.map(String.init) ?? "max")
            let swap = limits.memoryBytes.flatMap { memory in limits.memoryAndSwap.map { String($0 - memory) } }
            try kernel.writeCgroupFile(directory + "/memory.swap.max", swap ?? "max")
        }
        if changed.contains(.cpus) {
            try kernel.writeCgroupFile(directory + "/cpu.max", "\(limits.cpuQuota.map(String.init) ?? "max") \(limits.effectiveCPUPeriod)")
        }
        if changed.contains(.pids) {
            try kernel.writeCgroupFile(directory + "/pids.max", limits.pids.map(String.init) ?? "max")
        }
    }

    func add(pid: Int32, kernel: any Kernel) throws {
        try kernel.writeCgroupFile(directory + "/cgroup.procs", String(pid))
    }

    func usage(kernel: any Kernel) -> CgroupUsage {
        let cpuMicroseconds = kernel.readCgroupFile(directory + "/cpu.stat").map { cgroupCounter(named: "usage_usec", in: $0) } ?? 0
        return CgroupUsage(cpuNanoseconds: UInt64(max(0, cpuMicroseconds)) * 1000,
                           memoryBytes: cgroupNumber(directory + "/memory.current", kernel: kernel) ?? 0,
                           memoryLimit: cgroupNumber(directory + "/memory.max", kernel: kernel),
                           pids: cgroupNumber(directory + "/pids.current", kernel: kernel) ?? 0)
    }

    func setFrozen(_ frozen: Bool, kernel: any Kernel) throws {
        try kernel.writeCgroupFile(directory + "/cgroup.freeze", frozen ? "1" : "0")
    }

    func processes(kernel: any Kernel) -> [Int32] {
        cgroupProcesses(directory, kernel: kernel)
    }

    func forksRefused(kernel: any Kernel) -> (file: String, count: Int64)? {
        forksRefused(in: directory, kernel: kernel)
    }

    func oomKilled(kernel: any Kernel) -> Bool {
        guard let text = kernel.readCgroupFile(directory + "/memory.events") else { return false }
        return cgroupCounter(named: "oom_kill", in: text) > 0
    }
}
