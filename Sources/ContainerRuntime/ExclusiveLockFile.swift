import HostSystem
import LinuxKernel

/// An exclusive flock(2) on a lock file for the length of `body`: how concurrent dockyard
/// processes take turns with shared state (an address pool, the networks directory). HostSystem's
/// `FileLock`, with failures reported as `KernelError`s.
enum ExclusiveLockFile {
    static func holding<T>(at path: String, _ body: () throws -> T) throws -> T {
        let lock: FileLock
        do { lock = try FileLock.acquire(at: path, mode: .exclusive, permissions: 0o600) } catch { throw KernelError(error) }
        return try withExtendedLifetime(lock) { try body() }
    }
}
