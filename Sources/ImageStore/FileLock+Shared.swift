#if canImport(Glibc)
import Glibc
#endif

extension FileLock {
    /// A shared flock(2): many holders at once, none while someone holds it exclusively.
    /// Writers that put blobs in the store before tagging them (`load`) hold it shared; garbage
    /// collection holds it exclusively, so it never deletes a blob that is about to be tagged.
    static func withSharedLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImageStoreError.system("open", path) }
        defer { close(fd) }
        while flock(fd, LOCK_SH) != 0 {
            guard errno == EINTR else { throw ImageStoreError.system("flock", path) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
