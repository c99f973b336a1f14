/// One step of a container's filesystem setup, done by the container's first process inside
/// its new mount namespace before pivot_root. Paths are host paths under the new root.
public enum SetupStep: Sendable, Equatable {
    /// mount(2).
    case mount(Mount)
    /// mkdir -p, e.g. a mount point or the working directory.
    case makeDirectory(path: String, mode: UInt32)
    /// mknod(2) of a character device such as /dev/null (1, 3).
    case makeDevice(path: String, major: UInt32, minor: UInt32, mode: UInt32)
    /// symlink(2): `path` will point at `target`.
    case symlink(path: String, target: String)
    /// An empty file to bind-mount onto, made only if missing.
    case touch(path: String)
    /// Remount an existing mount with extra flags, e.g. a bind mount made read-only.
    case remount(target: String, flags: MountFlags)
}
