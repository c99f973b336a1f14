#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// Conditions that tests which touch the real kernel check, with the reason they skip.
public enum Privileges {
    /// Running as root: namespaces, mounts and cgroups need it.
    public static var isRoot: Bool { geteuid() == 0 }

    /// Debian's busybox-static, from which test root filesystems are made.
    public static var hasBusybox: Bool { FileManager.default.isExecutableFile(atPath: "/bin/busybox") }

    /// Root and busybox: enough to run a real container.
    public static var canRunContainers: Bool { isRoot && hasBusybox }
}
