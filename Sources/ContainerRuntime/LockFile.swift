import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock(2) on a lock file for the length of `body`: how concurrent dockyard
/// processes take turns with shared state (an address pool, the networks directory). The
/// kernel releases it if the process dies.
enum LockFile {
    static func withExclusiveLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KernelError("open", path: path, errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw KernelError("flock", path: path, errno: errno) }
        }
        return try body()
    }
}
