import LinuxKernel

/// A mount's `options` as the OCI spec (and mount(8)) spells them, split into what mount(2)
/// takes as flags (`ro`, `nosuid`, `bind`, `rbind`…) and what it passes to the filesystem as
/// its data string (`mode=755`, `size=65536k`, `newinstance`…).
struct OCIMountOptions: Equatable {
    var flags: MountFlags = []
    /// Flags a bind mount only takes on a remount (MS_RDONLY and friends on MS_BIND are ignored).
    var remountFlags: MountFlags = []
    var data: [String] = []

    static let flagNames: [String: MountFlags] = [
        "ro": .readOnly, "nosuid": .noSetuid, "nodev": .noDevices, "noexec": .noExec,
        "bind": .bind, "rbind": [.bind, .recursive], "strictatime": .strictAtime,
    ]
    /// Options that clear a flag or only say what is the default; accepted and dropped.
    static let defaults: Set<String> = [
        "rw", "suid", "dev", "exec", "async", "atime", "relatime", "norelatime", "noatime",
        "private", "rprivate", "slave", "rslave", "shared", "rshared", "unbindable", "runbindable",
    ]

    init(_ options: [String], type: String?) {
        for option in options {
            if let flag = Self.flagNames[option] {
                flags.formUnion(flag)
            } else if option == "noatime" {
                flags.formUnion(MountFlags(rawValue: 1024))   // MS_NOATIME
            } else if !Self.defaults.contains(option) {
                data.append(option)
            }
        }
        if type == "bind" { flags.formUnion(.bind) }
        if flags.contains(.bind) {
            remountFlags = flags.intersection([.readOnly, .noSetuid, .noDevices, .noExec])
            flags.subtract(remountFlags)
        }
    }

    var isBind: Bool { flags.contains(.bind) }
}
