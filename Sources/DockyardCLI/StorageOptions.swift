import ArgumentParser
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Where Dockyard keeps images and containers: `/var/lib/dockyard` as root,
/// `$XDG_DATA_HOME/dockyard` otherwise; `--root` or `DOCKYARD_ROOT` override both.
struct StorageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Storage root for images and containers.",
        discussion: "Default: /var/lib/dockyard as root, $XDG_DATA_HOME/dockyard otherwise; DOCKYARD_ROOT overrides.",
        valueName: "dir"))
    var root: String?

    /// The storage root this invocation uses.
    var resolvedRoot: String {
        if let root { return root }
        if let fromEnv = Self.environment("DOCKYARD_ROOT"), !fromEnv.isEmpty { return fromEnv }
        // Rootless, dockyard is uid 0 in its user namespace, but the storage is the user's.
        if geteuid() == 0 && !PrivilegeMode.current.isRootless { return "/var/lib/dockyard" }
        let dataHome = Self.environment("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? (Self.environment("HOME") ?? "/tmp") + "/.local/share"
        return dataHome + "/dockyard"
    }

    /// One variable, by getenv(3): `ProcessInfo`'s environment builds a dictionary of all of them
    /// (~0.35 M instructions on every command).
    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
