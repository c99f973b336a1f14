import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// An flock(2) on a container's directory, held by the process that runs the container for as
/// long as it runs. The kernel drops it when that process dies, even by SIGKILL, so an unlocked
/// container that still claims to be running was abandoned and can be cleaned up.
final class ContainerLock {
    private let lock: FileLock

    /// Takes the lock, or returns nil if another live process holds it (or the directory is gone).
    /// A directory removed while this process waited for its lock (`rm` holds it while it deletes)
    /// is gone too: nobody may start or clean up a container that no longer exists.
    init?(directory: String, wait: Bool) {
        guard let descriptor = try? FileDescriptor.open(directory, O_RDONLY | O_DIRECTORY),
              let lock = try? FileLock(descriptor, mode: .exclusive, wait: wait, path: directory) else { return nil }
        guard access(directory, F_OK) == 0 else { return nil }
        self.lock = lock
    }

    /// The locked directory's descriptor, which a deferred removal's process keeps (DeferredRemoval).
    var descriptor: Int32 { lock.lockedDescriptor }
}
