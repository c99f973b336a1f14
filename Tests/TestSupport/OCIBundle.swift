import Foundation

/// An OCI runtime bundle for tests of `dockyard-runtime`: a TinyRootfs as `rootfs` and a
/// config.json shaped like `runc spec`'s (the namespaces, mounts, masked paths and capabilities
/// containerd also asks for), which a test changes with `edit` before `write`.
public final class OCIBundle {
    public let directory: TemporaryDirectory
    public var path: String { directory.path }
    /// config.json as a JSON object, written by `write()`.
    public var config: [String: Any]

    public init(args: [String], cgroupsPath: String) throws {
        directory = try TemporaryDirectory(prefix: "oci-bundle")
        try TinyRootfs.make(at: directory.appending("rootfs"))
        config = Self.runcSpec(args: args, cgroupsPath: cgroupsPath)
    }

    /// Changes `config.process`, `config.linux` or any other member in place.
    public func edit(_ key: String, _ change: (inout [String: Any]) -> Void) {
        var value = config[key] as? [String: Any] ?? [:]
        change(&value)
        config[key] = value
    }

    public func write() throws {
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: directory.appending("config.json")))
    }

    /// The `dockyard-runtime` binary SwiftPM built beside `dockyard`.
    public static var runtime: String {
        URL(fileURLWithPath: DockyardProcess.executable).deletingLastPathComponent().appendingPathComponent("dockyard-runtime").path
    }

    static func runcSpec(args: [String], cgroupsPath: String) -> [String: Any] {
        let capabilities = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
        return [
            "ociVersion": "1.0.2",
            "root": ["path": "rootfs", "readonly": false],
            "hostname": "oci-test",
            "process": [
                "terminal": false, "user": ["uid": 0, "gid": 0], "args": args, "cwd": "/",
                "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                "capabilities": ["bounding": capabilities, "effective": capabilities, "permitted": capabilities],
                "rlimits": [["type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024]],
                "noNewPrivileges": true,
            ] as [String: Any],
            "mounts": [
                ["destination": "/proc", "type": "proc", "source": "proc"],
                ["destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]],
                ["destination": "/dev/pts", "type": "devpts", "source": "devpts",
                 "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]],
                ["destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]],
                ["destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]],
                ["destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]],
            ],
            "linux": [
                "cgroupsPath": cgroupsPath,
                "resources": ["devices": [["allow": false, "access": "rwm"]]],
                "namespaces": [["type": "pid"], ["type": "network"], ["type": "ipc"], ["type": "uts"], ["type": "mount"]],
                "maskedPaths": ["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"],
                "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            ] as [String: Any],
        ]
    }
}
