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

    /// `cpuset` when CPUs or memory nodes are restricted, `blkio` for block I/O limits; `hugetlb`
    /// for the OCI runtime, which joins it as runc does (`dockyard run` has no flag for it), and
    /// `netClassAndPriority` (net_cls, net_prio) for its `linux.resources.network`.
    init(root: String, group: String, cpuset: Bool = false, blkio: Bool = false, hugetlb: Bool = false,
         netClassAndPriority: Bool = false) {
        self.root = root
        self.group = group
        let asked = Self.wanted + (cpuset ? ["cpuset"] : []) + (blkio ? ["blkio"] : []) + (hugetlb ? ["hugetlb"] : [])
            + (netClassAndPriority ? ["net_cls", "net_prio"] : [])
        self.controllers = asked.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)") }
    }

    var paths: [String] { controllers.map(directory) }

    func directory(_ controller: String) -> String { "\(root)/\(controller)/\(group)" }

    func create(limits: ResourceLimits, kernel: any Kernel) throws {
        for controller in controllers {
            try kernel.createCgroup(directory(controller), version: 1, controller: controller)
        }
        try writeMemoryLimits(limits, kernel: kernel)
        // The period first: the kernel checks the quota against the period in place.
        if limits.cpuQuota != nil || limits.cpuPeriodMicroseconds != nil {
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.cfs_period_us", String(limits.effectiveCPUPeriod))
        }
        if let quota = limits.cpuQuota {
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.cfs_quota_us", String(quota))
        }
        if let shares = limits.cpuShares {
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.shares", String(shares))
        }
        if limits.usesCpuset { try restrictCPUs(to: limits.cpusetCpus, mems: limits.cpusetMems, kernel: kernel) }
        for (pageSize, bytes) in (limits.hugepageLimits ?? [:]).sorted(by: { $0.key < $1.key }) {
            // A page size this kernel lacks has no file: the write fails and names it.
            try kernel.writeCgroupFile(directory("hugetlb") + "/hugetlb.\(pageSize).limit_in_bytes", String(bytes))
        }
        if let pids = limits.pids {
            try kernel.writeCgroupFile(directory("pids") + "/pids.max", String(pids))
        }
        try writeBlockIOLimits(limits, kernel: kernel)
    }

    /// `--device-read-bps`/`--device-write-bps`: one `MAJOR:MINOR BYTES` line per device and
    /// direction. A limit without the blkio controller mounted is refused, not dropped.
    private func writeBlockIOLimits(_ limits: ResourceLimits, kernel: any Kernel) throws {
        let files = [("blkio.throttle.read_bps_device", limits.deviceReadBps ?? []), ("blkio.throttle.write_bps_device", limits.deviceWriteBps ?? [])]
        for (file, rates) in files where !rates.isEmpty {
            guard controllers.contains("blkio") else {
                throw RuntimeError(code: .system, "--device-read-bps and --device-write-bps need the blkio controller, which \(root) does not mount")
            }
            for rate in rates { try kernel.writeCgroupFile(directory("blkio") + "/" + file, "\(rate.device) \(rate.bytesPerSecond)") }
        }
    }

    /// `docker update`: rewrites the limits `changed` names; one that is nil is lifted. The kernel
    /// refuses a memory+swap limit below the memory limit, so memory+swap is lifted first and set
    /// again after (to `--memory-swap`'s total, else Docker's twice the memory).
    func setLimits(_ limits: ResourceLimits, changed: LimitChange, kernel: any Kernel) throws {
        if changed.contains(.memory) {
            let memory = directory("memory")
            let swapAccounted = FileManager.default.fileExists(atPath: "\(root)/memory/memory.memsw.limit_in_bytes")
            if swapAccounted { try kernel.writeCgroupFile(memory + "/memory.memsw.limit_in_bytes", "-1") }
            try kernel.writeCgroupFile(memory + "/memory.limit_in_bytes", limits.memoryBytes.map(String.init) ?? "-1")
            if swapAccounted, let total = limits.memoryAndSwap {
                try kernel.writeCgroupFile(memory + "/memory.memsw.limit_in_bytes", String(total))
            }
        }
        if changed.contains(.cpus) {
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.cfs_period_us", String(limits.effectiveCPUPeriod))
            try kernel.writeCgroupFile(directory("cpu") + "/cpu.cfs_quota_us", String(limits.cpuQuota ?? -1))
        }
        if changed.contains(.pids) {
            try kernel.writeCgroupFile(directory("pids") + "/pids.max", limits.pids.map(String.init) ?? "max")
        }
    }

    private func writeMemoryLimits(_ limits: ResourceLimits, kernel: any Kernel) throws {
        let memory = directory("memory")
        if let bytes = limits.memoryBytes {
            try kernel.writeCgroupFile(memory + "/memory.limit_in_bytes", String(bytes))
            // Without swap accounting capped too, a process over the limit swaps instead of
            // being OOM-killed; Docker's default caps memory+swap at twice the memory limit.
            // Whether the kernel accounts swap is the host's, seen in the root cgroup: so the
            // simulation on the same host makes the same writes.
            if let total = limits.memoryAndSwap, FileManager.default.fileExists(atPath: "\(root)/memory/memory.memsw.limit_in_bytes") {
                try kernel.writeCgroupFile(memory + "/memory.memsw.limit_in_bytes", String(total))
            }
        }
        if let swappiness = limits.memorySwappiness {
            try kernel.writeCgroupFile(memory + "/memory.swappiness", String(swappiness))
        }
        if let reservation = limits.memoryReservationBytes {
            try kernel.writeCgroupFile(memory + "/memory.soft_limit_in_bytes", String(reservation))
        }
        // At its limit the cgroup's processes then wait for memory instead of being killed.
        if limits.oomKillDisable == true { try kernel.writeCgroupFile(memory + "/memory.oom_control", "1") }
    }

    /// v1's cpuset: a new cgroup starts with no CPUs and no memory nodes, and no process can join
    /// it until it has both; so each new ancestor (the shared `dockyard` parent, or every level of
    /// an OCI `cgroupsPath`) gets its parent's, top down, as runc's cpusetEnsureParent does, then
    /// the container the memory nodes and CPUs asked for (which must be among its parent's), or
    /// its parent's.
    private func restrictCPUs(to cpus: String?, mems: String?, kernel: any Kernel) throws {
        let cpuset = directory("cpuset")
        let levels = group.split(separator: "/").dropLast()
        func value(_ path: String) -> String {
            (kernel.readCgroupFile(path) ?? "").split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        }
        // The root's sets are the host's, read as the memsw check above reads it: so the
        // simulation on the same host writes the same values.
        func rootValue(_ file: String) -> String {
            FileManager.default.contents(atPath: "\(root)/cpuset/\(file)")
                .flatMap { String(decoding: $0, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.map(String.init) } ?? ""
        }
        var above = "\(root)/cpuset"
        for level in levels {
            let here = above + "/" + level
            for file in ["cpuset.cpus", "cpuset.mems"] where value(here + "/" + file).isEmpty {
                let inherited = value(above + "/" + file)
                try kernel.writeCgroupFile(here + "/" + file, inherited.isEmpty ? rootValue(file) : inherited)
            }
            above = here
        }
        func inherited(_ file: String) -> String {
            let parentValue = value(above + "/" + file)
            return parentValue.isEmpty ? rootValue(file) : parentValue
        }
        try kernel.writeCgroupFile(cpuset + "/cpuset.mems", mems ?? inherited("cpuset.mems"))
        try kernel.writeCgroupFile(cpuset + "/cpuset.cpus", cpus ?? inherited("cpuset.cpus"))
    }

    var taskFiles: [String] { controllers.map { directory($0) + "/tasks" } }

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

    func forksRefused(kernel: any Kernel) -> (file: String, count: Int64)? {
        forksRefused(in: directory("pids"), kernel: kernel)
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
