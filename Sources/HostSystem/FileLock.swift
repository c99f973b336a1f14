#if canImport(Glibc)
import Glibc
#endif

/// An flock(2) lock, held while this object lives and released when it goes (close(2) drops it,
/// and the kernel drops it too if the process dies, even by SIGKILL). Exclusive: one holder at a
/// time. Shared: many holders at once, none while someone holds it exclusively. How concurrent
/// dockyard processes take turns over index.json, an address pool, or a running container.
public final class FileLock {
    public enum Mode: Sendable {
        case shared, exclusive

        var operation: Int32 { self == .shared ? LOCK_SH : LOCK_EX }
    }

    private let descriptor: FileDescriptor

    /// Locks `descriptor`, which the lock then owns and closes. With `wait` false, returns nil at
    /// once if another holder is in the way (EWOULDBLOCK) instead of waiting for it.
    public init?(_ descriptor: FileDescriptor, mode: Mode, wait: Bool = true, path: String = "") throws(SystemCallError) {
        let operation = mode.operation | (wait ? 0 : LOCK_NB)
        while flock(descriptor.rawValue, operation) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            descriptor.close()
            if failure == EWOULDBLOCK { return nil }
            throw SystemCallError("flock", path: path, errno: failure)
        }
        self.descriptor = descriptor
    }

    deinit {
        descriptor.close()
    }

    /// The locked descriptor, for a child process that is to go on holding the lock (flock(2)
    /// belongs to the open file, which a fork shares). Still owned, and closed, by this lock.
    public var lockedDescriptor: Int32 { descriptor.rawValue }

    /// Opens (creating it with `permissions` if needed) the lock file at `path` and waits for the lock.
    public static func acquire(at path: String, mode: Mode, permissions: mode_t = 0o644) throws(SystemCallError) -> FileLock {
        let descriptor = try FileDescriptor.open(path, O_RDWR | O_CREAT, permissions: permissions)
        guard let lock = try FileLock(descriptor, mode: mode, wait: true, path: path) else {
            throw SystemCallError("flock", path: path, errno: EWOULDBLOCK)   // a blocking flock never says so
        }
        return lock
    }

    /// Runs `body` holding the lock on the file at `path`; releases it however `body` ends.
    public static func holding<T, Failure: Error>(at path: String, _ mode: Mode, permissions: mode_t = 0o644,
                                                 _ body: () throws(Failure) -> T) throws -> T {
        let lock = try acquire(at: path, mode: mode, permissions: permissions)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
