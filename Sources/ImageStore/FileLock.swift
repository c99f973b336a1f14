#if canImport(Glibc)
import Glibc
#endif

/// flock(2) on a lock file. Exclusive: two dockyard processes changing `index.json` at once take
/// turns instead of one losing the other's tag. Shared: many holders at once, none while someone
/// holds it exclusively — writers that put blobs in the store before tagging them (`load`) hold
/// it shared, and garbage collection exclusively, so it never deletes a blob about to be tagged.
enum FileLock {
    static func withExclusiveLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        try withLock(LOCK_EX, at: path, body)
    }

    static func withSharedLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        try withLock(LOCK_SH, at: path, body)
    }

    private static func withLock<T>(_ operation: Int32, at path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImageStoreError.system("open", path) }
        defer { close(fd) }
        while flock(fd, operation) != 0 {
            guard errno == EINTR else { throw ImageStoreError.system("flock", path) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
