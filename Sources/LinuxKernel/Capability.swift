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
    public var name: String {
        // Byte by byte: the case names are ASCII, and String's Unicode-aware uppercased() cost
        // some 100,000 instructions a name, paid for every capability at every container start.
        var name: [UInt8] = []
        for byte in String(describing: self).utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): name += [UInt8(ascii: "_"), byte]
            case UInt8(ascii: "a")...UInt8(ascii: "z"): name.append(byte - 0x20)
            default: name.append(byte)
            }
        }
        return String(decoding: name, as: UTF8.self)
    }

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

    /// A set as the kernel's bit mask.
    public static func mask(_ set: Set<Capability>) -> UInt64 {
        set.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }
    }

    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }
}
