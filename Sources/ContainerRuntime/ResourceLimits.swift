/// The limits a container's cgroup enforces: `--memory`, `--memory-swap`, `--memory-reservation`,
/// `--oom-kill-disable`, `--cpus`, `--cpu-shares`, `--cpuset-cpus`, `--pids-limit`,
/// `--device-read-bps`, `--device-write-bps`.
public struct ResourceLimits: Codable, Sendable, Equatable {
    /// Bytes of memory (RAM) the container may use; nil for no limit.
    public var memoryBytes: Int64?
    /// `--memory-swap`: memory plus swap, in bytes, as Docker counts it; -1 for unlimited swap;
    /// nil for Docker's default (twice the memory limit).
    public var memorySwapBytes: Int64?
    /// `--memory-reservation`: a soft limit the kernel reclaims down to under memory pressure.
    public var memoryReservationBytes: Int64?
    /// `--oom-kill-disable`: the OOM killer leaves the cgroup alone at its limit (cgroup v1 only);
    /// nil as false, so records written before it existed read the same.
    public var oomKillDisable: Bool?
    /// CPUs' worth of time per period, e.g. 0.5; nil for no limit.
    public var cpus: Double?
    /// `--cpu-shares`: the relative weight against other cgroups when CPUs are busy (1024 is the default).
    public var cpuShares: Int64?
    /// `--cpuset-cpus`: the CPUs the container may run on, e.g. "0" or "0-1,3".
    public var cpusetCpus: String?
    /// Most processes (and threads) at once; nil for no limit.
    public var pids: Int64?
    /// `--device-read-bps` and `--device-write-bps`: bytes a second per block device; nil for
    /// none, so records written before they existed read the same.
    public var deviceReadBps: [BlockIOLimit]?
    public var deviceWriteBps: [BlockIOLimit]?
    /// The CFS period `cpus` is measured against, in microseconds; nil for Docker's `cpuPeriod`
    /// (an OCI config.json's `cpu.period`, written as given, as runc writes it).
    public var cpuPeriodMicroseconds: Int64?
    /// The memory nodes of the cpuset (an OCI config.json's `cpu.mems`); nil: the parent's.
    public var cpusetMems: String?
    /// memory.swappiness (0-100) of a v1 memory cgroup; nil leaves the kernel's.
    public var memorySwappiness: Int64?
    /// hugetlb's byte limit per page size ("2MB": bytes); nil or empty leaves hugetlb alone.
    public var hugepageLimits: [String: Int64]?

    public init(memoryBytes: Int64? = nil, cpus: Double? = nil, pids: Int64? = nil) {
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.pids = pids
    }

    /// The CFS period the quota is measured against, in microseconds (Docker's default).
    public static let cpuPeriod: Int64 = 100_000

    /// The period the quota is written with: the one asked for, else Docker's.
    public var effectiveCPUPeriod: Int64 { cpuPeriodMicroseconds ?? Self.cpuPeriod }

    /// Microseconds of CPU time per period that `cpus` allows.
    public var cpuQuota: Int64? {
        cpus.map { Int64(($0 * Double(effectiveCPUPeriod)).rounded()) }
    }

    /// Whether the container needs v1's cpuset controller.
    public var usesCpuset: Bool { cpusetCpus != nil || cpusetMems != nil }

    /// Memory plus swap as Docker sets it: `--memory-swap` when given (-1: unlimited, nil), else
    /// twice the memory limit; nil without a memory limit.
    public var memoryAndSwap: Int64? {
        guard let memoryBytes else { return nil }
        guard let memorySwapBytes else { return memoryBytes * 2 }
        return memorySwapBytes < 0 ? nil : memorySwapBytes
    }

    /// cgroup v2's cpu.weight (1–10000) for v1's cpu.shares (2–262144), by the formula runc and
    /// crun use, so the same `--cpu-shares` weighs the same on either version.
    public static func cpuWeight(shares: Int64) -> Int64 {
        let clamped = min(max(shares, 2), 262_144)
        return 1 + ((clamped - 2) * 9999) / 262_142
    }

    /// Docker's checks of the limits against each other, in its words (daemon/daemon_unix.go).
    public func check() throws {
        if let swap = memorySwapBytes, swap >= 0 {
            guard let memory = memoryBytes else {
                throw RuntimeError(code: .invalidArgument, "You should always set the Memory limit when using Memoryswap limit, see usage")
            }
            if swap < memory {
                throw RuntimeError(code: .invalidArgument, "Minimum memoryswap limit should be larger than memory limit, see usage")
            }
        }
        if let reservation = memoryReservationBytes, let memory = memoryBytes, reservation > memory {
            throw RuntimeError(code: .invalidArgument, "Minimum memory limit can not be less than memory reservation limit, see usage")
        }
        if let cpuset = cpusetCpus, !Self.isCPUList(cpuset) {
            throw RuntimeError(code: .invalidArgument, "invalid value \(cpuset) for cpuset cpus")
        }
    }

    /// A kernel CPU list: numbers and ranges separated by commas, e.g. "0-2,4".
    static func isCPUList(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt32($0) != nil })
            else { return false }
            return bounds.count == 1 || UInt32(bounds[0]) ?? 0 <= UInt32(bounds[1]) ?? 0
        }
    }
}
