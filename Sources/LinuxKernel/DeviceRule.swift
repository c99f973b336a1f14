/// One entry of the devices cgroup's allow-list: which device nodes — character or block, by
/// major:minor number, `nil` meaning any (`*`) — a container's processes may open for reading
/// or writing, or create with mknod(2).
///
/// A device node is only a name for a driver: whoever can open `b 7:0` talks to the host's first
/// loop device, wherever the node lives. So the kernel asks the devices cgroup on every open and
/// mknod of a device node. cgroup v1 takes these rules as text (`c 1:3 rwm` written to
/// devices.allow); cgroup v2 has no such file, and the same rules become an eBPF program
/// (`DeviceFilter`) attached to the cgroup.
public struct DeviceRule: Sendable, Equatable, Hashable, Codable {
    /// The node's file type, or every type.
    public enum Kind: String, Sendable, Codable {
        case all = "a", character = "c", block = "b"
    }

    public var kind: Kind
    /// nil: any major number.
    public var major: UInt32?
    /// nil: any minor number.
    public var minor: UInt32?
    public var access: DeviceAccess

    public init(_ kind: Kind, _ major: UInt32?, _ minor: UInt32?, _ access: DeviceAccess) {
        self.kind = kind
        self.major = major
        self.minor = minor
        self.access = access
    }

    /// Every device, every access: what `--privileged` gets.
    public static let everything = DeviceRule(.all, nil, nil, .all)

    /// The rule as cgroup v1's devices.allow reads it, e.g. `c 1:3 rwm` or `c 136:* rwm`;
    /// `a` alone for every device.
    public var line: String {
        if kind == .all { return "a" }
        return "\(kind.rawValue) \(major.map(String.init) ?? "*"):\(minor.map(String.init) ?? "*") \(access.letters)"
    }
}

/// What a process may do with a device node: `r` open it for reading, `w` for writing,
/// `m` create it with mknod(2). The raw values are the kernel's BPF_DEVCG_ACC_* bits.
public struct DeviceAccess: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let mknod = DeviceAccess(rawValue: 1)   // BPF_DEVCG_ACC_MKNOD
    public static let read = DeviceAccess(rawValue: 2)    // BPF_DEVCG_ACC_READ
    public static let write = DeviceAccess(rawValue: 4)   // BPF_DEVCG_ACC_WRITE
    public static let all: DeviceAccess = [.read, .write, .mknod]

    /// From Docker's letters, e.g. "rwm" or "r"; nil when empty, repeated or not one of r, w, m.
    public init?(letters: String) {
        var access: DeviceAccess = []
        for letter in letters {
            let bit: DeviceAccess
            switch letter {
            case "r": bit = .read
            case "w": bit = .write
            case "m": bit = .mknod
            default: return nil
            }
            guard !access.contains(bit) else { return nil }
            access.insert(bit)
        }
        guard !access.isEmpty else { return nil }
        self = access
    }

    /// "rwm", "r", …, in that order.
    public var letters: String {
        (contains(.read) ? "r" : "") + (contains(.write) ? "w" : "") + (contains(.mknod) ? "m" : "")
    }
}
