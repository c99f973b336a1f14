/// The limits a container's cgroup enforces: `--memory`, `--cpus`, `--pids-limit`.
public struct ResourceLimits: Codable, Sendable, Equatable {
    /// Bytes of memory (RAM) the container may use; nil for no limit.
    public var memoryBytes: Int64?
    /// CPUs' worth of time per period, e.g. 0.5; nil for no limit.
    public var cpus: Double?
    /// Most processes (and threads) at once; nil for no limit.
    public var pids: Int64?

    public init(memoryBytes: Int64? = nil, cpus: Double? = nil, pids: Int64? = nil) {
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.pids = pids
    }

    /// The CFS period the quota is measured against, in microseconds (Docker's default).
    public static let cpuPeriod: Int64 = 100_000

    /// The limits that are set: at create, only their control files are written.
    public var given: LimitChange {
        var given: LimitChange = []
        if memoryBytes != nil { given.insert(.memory) }
        if cpus != nil { given.insert(.cpus) }
        if pids != nil { given.insert(.pids) }
        return given
    }

    /// Microseconds of CPU time per period that `cpus` allows.
    public var cpuQuota: Int64? {
        cpus.map { Int64(($0 * Double(Self.cpuPeriod)).rounded()) }
    }
}
