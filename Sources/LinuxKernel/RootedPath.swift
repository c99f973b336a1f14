import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Opens paths inside a container's root directory the way the container itself would see them:
/// with openat2(RESOLVE_IN_ROOT), a symlink inside (even `/etc -> /`) resolves within that root
/// and can never lead to the host's files. `dockyard cp` writes through it.
public enum RootedPath {
    /// O_PATH: an fd that names a place (for *at calls) without opening it for I/O. Glibc's Swift
    /// module hides it behind _GNU_SOURCE.
    public static let pathOnly: Int32 = 0o10000000

    /// RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS from <linux/openat2.h>.
    static let inRoot: UInt64 = 0x10 | 0x02

    /// An fd for `path` (absolute inside the root) relative to the directory fd `root`.
    public static func open(_ path: String, in root: Int32, flags: Int32, mode: UInt32 = 0) throws -> Int32 {
        let fd = dy_openat2(root, path, flags | O_CLOEXEC, mode, inRoot)
        guard fd >= 0 else { throw KernelError("open (inside the container)", path: path, errno: -fd) }
        return fd
    }
}
