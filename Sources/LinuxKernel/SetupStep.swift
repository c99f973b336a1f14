/// One step of a container's filesystem setup, done by the container's first process inside
/// its new mount namespace before pivot_root. Paths are host paths under the new root.
public indirect enum SetupStep: Sendable, Equatable {
    /// mount(2).
    case mount(Mount)
    /// mkdir -p, e.g. a mount point or the working directory.
    case makeDirectory(path: String, mode: UInt32)
    /// mknod(2) of a character device such as /dev/null (1, 3); of a block device when `mode`
    /// carries S_IFBLK (0o060000) in its file-type bits.
    case makeDevice(path: String, major: UInt32, minor: UInt32, mode: UInt32)
    /// symlink(2): `path` will point at `target`.
    case symlink(path: String, target: String)
    /// An empty file to bind-mount onto, made only if missing.
    case touch(path: String)
    /// Remount an existing mount with extra flags, e.g. a bind mount made read-only.
    case remount(target: String, flags: MountFlags)
    /// A kernel parameter of one of the container's own namespaces (`--sysctl net.ipv4.ip_forward=1`),
    /// written to /proc/sys/<key with dots as slashes> of the container's /proc before that is
    /// made read-only: the kernel picks the namespace by the writer, which is the container's process.
    case setSysctl(key: String, value: String)
    /// `step` with its path taken inside `root` (the rootfs) and resolved there by fd, with
    /// openat2(RESOLVE_IN_ROOT): a symlink in the image cannot aim it at the host. Missing
    /// directories are made one component at a time under the same rule.
    case inRoot(root: String, step: SetupStep)

    /// Where a sysctl's file is under /proc.
    public static func sysctlPath(_ key: String) -> String {
        "/proc/sys/" + key.replacing(".", with: "/")
    }

    /// The step as the host sees it: an in-root path shown under its root, for events and errors.
    public var hostView: SetupStep {
        guard case let .inRoot(root, step) = self else { return self }
        func under(_ path: String) -> String { path == "/" ? root : root + path }
        switch step {
        case var .mount(m):
            m.target = under(m.target)
            return .mount(m)
        case let .makeDirectory(path, mode): return .makeDirectory(path: under(path), mode: mode)
        case let .makeDevice(path, major, minor, mode):
            return .makeDevice(path: under(path), major: major, minor: minor, mode: mode)
        case let .symlink(path, target): return .symlink(path: under(path), target: target)
        case let .touch(path): return .touch(path: under(path))
        case let .remount(target, flags): return .remount(target: under(target), flags: flags)
        case .setSysctl: return step
        case .inRoot: return step.hostView
        }
    }
}
