/// `--sysctl`: which kernel parameters a container may set. Most of /proc/sys is the whole
/// host's (vm.*, kernel.panic, …); only those the kernel keeps per namespace are the
/// container's own: `net.*` per network namespace, and System V IPC's `kernel.msg*`,
/// `kernel.sem`, `kernel.shm*` and POSIX message queues' `fs.mqueue.*` per IPC namespace.
/// Docker allows exactly those, and so does Dockyard.
public enum Sysctls {
    /// The IPC namespace's own parameters, besides the `fs.mqueue.` ones.
    static let ipc: Set<String> = [
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax",
        "kernel.shmmni", "kernel.shm_rmid_forced",
    ]

    /// Checks one `--sysctl KEY=VALUE` as Docker's client does; returns key and value.
    public static func parse(_ text: String) throws -> (key: String, value: String) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(parts[0])
        guard parts.count == 2, ipc.contains(key) || key.hasPrefix("fs.mqueue.") || key.hasPrefix("net."),
              !key.contains("/"), !key.contains("..") else {
            throw RuntimeError(code: .invalidArgument, "invalid argument \"\(text)\" for \"--sysctl\" flag: sysctl '\(text)' is not allowed")
        }
        return (key, String(parts[1]))
    }

    /// Refuses a parameter whose namespace the container shares with the host, as runc does:
    /// `net.*` with `--network host` would change the host's own network.
    public static func check(_ sysctls: [String: String], network: RunRequest.Network) throws {
        for key in sysctls.keys.sorted() where key.hasPrefix("net.") && network == .host {
            throw RuntimeError(code: .invalidArgument, "sysctl \"\(key)\" not allowed in host network namespace")
        }
    }
}
