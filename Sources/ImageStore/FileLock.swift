#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock(2) on a lock file, so two dockyard processes changing `index.json` at once
/// take turns instead of one losing the other's tag.
enum FileLock {
    static func withExclusiveLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImageStoreError.system("open", path) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ImageStoreError.system("flock", path) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
