/// One mount(2) call: a filesystem of `type` from `source` attached at `target`, with flags
/// (MS_*) and filesystem-specific `data` such as overlayfs's lowerdir/upperdir/workdir.
public struct Mount: Sendable, Equatable {
    public var type: String
    public var source: String
    public var target: String
    public var flags: MountFlags
    public var data: String

    public init(type: String, source: String, target: String, flags: MountFlags = [], data: String = "") {
        self.type = type
        self.source = source
        self.target = target
        self.flags = flags
        self.data = data
    }

    /// Flags and data as the options column of /proc/self/mountinfo would read.
    public var options: [String] {
        flags.names + (data.isEmpty ? [] : data.split(separator: ",").map(String.init))
    }
}

/// mount(2) flags from <sys/mount.h>, with the names `mount -o` uses.
public struct MountFlags: OptionSet, Sendable, Equatable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }

    public static let readOnly = MountFlags(rawValue: 1)        // MS_RDONLY
    public static let noSetuid = MountFlags(rawValue: 2)        // MS_NOSUID
    public static let noDevices = MountFlags(rawValue: 4)       // MS_NODEV
    public static let noExec = MountFlags(rawValue: 8)          // MS_NOEXEC
    public static let bind = MountFlags(rawValue: 4096)         // MS_BIND
    public static let recursive = MountFlags(rawValue: 16384)   // MS_REC
    public static let strictAtime = MountFlags(rawValue: 1 << 24) // MS_STRICTATIME

    /// The names shown to learners, e.g. ["ro", "nosuid"].
    public var names: [String] {
        var names: [String] = []
        if contains(.bind) { names.append(contains(.recursive) ? "rbind" : "bind") }
        // "rro": recursively read-only, the mount and every submount (a recursive remount).
        names.append(contains(.readOnly) ? (contains(.recursive) && !contains(.bind) ? "rro" : "ro") : "rw")
        if contains(.noSetuid) { names.append("nosuid") }
        if contains(.noDevices) { names.append("nodev") }
        if contains(.noExec) { names.append("noexec") }
        if contains(.strictAtime) { names.append("strictatime") }
        return names
    }
}
