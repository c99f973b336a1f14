import FoundationEssentials
import HostSystem

/// A Linux capability: one slice of root's power (capabilities(7)). A process holds sets of them;
/// a container keeps only a few, so root inside it is not root over the host. The raw value is
/// the capability's bit number, as in /proc/PID/status (`CapBnd: 00000000a80425fb`).
public enum Capability: Int, CaseIterable, Sendable, Codable, Comparable {
    case chown = 0, dacOverride, dacReadSearch, fowner, fsetid, kill, setgid, setuid, setpcap
    case linuxImmutable, netBindService, netBroadcast, netAdmin, netRaw, ipcLock, ipcOwner
    case sysModule, sysRawio, sysChroot, sysPtrace, sysPacct, sysAdmin, sysBoot, sysNice
    case sysResource, sysTime, sysTtyConfig, mknod, lease, auditWrite, auditControl, setfcap
    case macOverride, macAdmin, syslog, wakeAlarm, blockSuspend, auditRead, perfmon, bpf
    case checkpointRestore

    /// The name the kernel's headers and Docker's flags use, without `CAP_`: `NET_ADMIN`.
    public var name: String { Self.names[rawValue] }

    /// The names by bit number, as <linux/capability.h> spells them. A table, because deriving
    /// them from the case names (String(describing:)) costs some 100,000 instructions each, and
    /// every container start names its capabilities twice (the seccomp profile, the event).
    static let names = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]

    /// The capability named `text`, as `--cap-add` takes it: any case, with or without `CAP_`.
    public init?(name text: String) {
        var upper = text.uppercased()
        if upper.hasPrefix("CAP_") { upper.removeFirst(4) }
        guard let found = Self.allCases.first(where: { $0.name == upper }) else { return nil }
        self = found
    }

    /// The 14 capabilities Docker leaves a container by default: enough to act as root on the
    /// container's own files and processes, nothing over the machine (no SYS_ADMIN, NET_ADMIN,
    /// SYS_MODULE, SYS_TIME...). As a bit mask: 0xa80425fb.
    public static let dockerDefault: Set<Capability> = [
        .chown, .dacOverride, .fsetid, .fowner, .mknod, .netRaw, .setgid, .setuid, .setfcap, .setpcap,
        .netBindService, .sysChroot, .kill, .auditWrite,
    ]

    /// The capabilities this process can hand on: those in its own bounding set (`CapBnd` in
    /// /proc/self/status). `--cap-add ALL` means these, as `--privileged` keeps what there is: a
    /// host, or an outer container, that dropped one cannot grant it, and asking capset(2) for it
    /// would fail the container's start. Every capability when the set cannot be read.
    public static let grantable: Set<Capability> = {
        let status = FileManager.default.contents(atPath: "/proc/self/status").map { String(decoding: $0, as: UTF8.self) }
        guard let mask = statusMask("CapBnd", in: status) else { return Set(allCases) }
        return Set(allCases.filter { mask & (1 << UInt64($0.rawValue)) != 0 })
    }()

    /// One set's bit mask from the text of /proc/PID/status (`field` is CapBnd, CapEff, …, whose
    /// line reads `CapBnd:\t000001fffeffffff`); nil when the text has no such line.
    public static func statusMask(_ field: String, in status: String?) -> UInt64? {
        guard let line = status?.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return UInt64(line.dropFirst(field.count + 1).trimmed, radix: 16)
    }

    /// A set as the kernel's bit mask.
    public static func mask(_ set: Set<Capability>) -> UInt64 {
        set.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }
    }

    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }
}
