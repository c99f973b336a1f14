#if canImport(Glibc)
import Glibc
#endif

/// An flock(2) on a container's directory, held by the process that runs the container for as
/// long as it runs. The kernel drops it when that process dies, even by SIGKILL, so an unlocked
/// container that still claims to be running was abandoned and can be cleaned up.
final class ContainerLock {
    private let fd: Int32

    /// Takes the lock, or returns nil if another live process holds it (or the directory is gone).
    init?(directory: String, wait: Bool) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    deinit {
        close(fd)
    }
}
