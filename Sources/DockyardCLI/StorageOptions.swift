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
        let env = ProcessInfo.processInfo.environment
        if let fromEnv = env["DOCKYARD_ROOT"], !fromEnv.isEmpty { return fromEnv }
        // Rootless, dockyard is uid 0 in its user namespace, but the storage is the user's.
        if geteuid() == 0 && !PrivilegeMode.current.isRootless { return "/var/lib/dockyard" }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? "/tmp") + "/.local/share"
        return dataHome + "/dockyard"
    }
}
