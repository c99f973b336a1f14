import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The parts of /proc and /sys a container must not read or write, as Docker lists them.
/// /proc is the kernel's own view and not namespaced everywhere: /proc/kcore is the machine's
/// memory, /proc/sysrq-trigger can reboot it, /proc/sys holds settings for the whole host.
/// A masked file gets /dev/null bind-mounted over it, a masked directory an empty read-only
/// tmpfs; a read-only path is bind-mounted onto itself and remounted read-only.
public struct MaskedPaths: Sendable, Equatable {
    public var masked: [String]
    public var readOnly: [String]

    public init(masked: [String], readOnly: [String]) {
        self.masked = masked
        self.readOnly = readOnly
    }

    public static let docker = MaskedPaths(
        masked: ["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                 "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                 "/sys/firmware", "/sys/devices/virtual/powercap"],
        readOnly: ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"])

    /// Docker's list without what this kernel lacks (the container's /proc and /sys are the
    /// same kernel's, so the host's tell): a mount onto a missing path would fail the start.
    public static func present() -> MaskedPaths {
        func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
        return MaskedPaths(masked: docker.masked.filter(exists), readOnly: docker.readOnly.filter(exists))
    }

    /// The mounts, as steps inside the rootfs (after /proc and /sys are mounted). `directoryTest`
    /// tells a directory (hidden by a tmpfs) from a file (hidden by /dev/null); the host's own
    /// /proc and /sys tell for Docker's list.
    func steps(rootfs: String, directoryTest: (String) -> Bool = MaskedPaths.isDirectory) -> [SetupStep] {
        var steps: [SetupStep] = []
        for path in masked {
            if directoryTest(path) {
                steps.append(.mount(Mount(type: "tmpfs", source: "tmpfs", target: path, flags: .readOnly, data: "size=0")))
            } else {
                steps.append(.mount(Mount(type: "bind", source: "/dev/null", target: path, flags: [.bind])))
            }
        }
        for path in readOnly {
            steps.append(.mount(Mount(type: "bind", source: rootfs + path, target: path, flags: [.bind, .recursive])))
            steps.append(.remount(target: path, flags: [.readOnly, .noSetuid, .noDevices, .noExec]))
        }
        return steps
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
