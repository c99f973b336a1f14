import HostSystem
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite("flock(2) locks")
struct FileLockTests {
    /// A lock file of its own for each test (flock is per open file, so two fds of one process conflict).
    private func lockPath() -> String {
        "/tmp/dockyard-filelock-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).lock"
    }

    private func tryLock(_ path: String, _ mode: FileLock.Mode) throws -> FileLock? {
        try FileLock(try FileDescriptor.open(path, O_RDWR), mode: mode, wait: false, path: path)
    }

    @Test("two shared holders at once, but no exclusive one beside them")
    func sharedAllowsShared() throws {
        let path = lockPath()
        defer { unlink(path) }
        let first = try FileLock.acquire(at: path, mode: .shared)
        #expect(try tryLock(path, .shared) != nil)
        #expect(try tryLock(path, .exclusive) == nil)
        withExtendedLifetime(first) {}
    }

    @Test("an exclusive holder keeps every other out until it is released")
    func exclusiveExcludes() throws {
        let path = lockPath()
        defer { unlink(path) }
        var holder: FileLock? = try FileLock.acquire(at: path, mode: .exclusive)
        #expect(try tryLock(path, .shared) == nil)
        #expect(try tryLock(path, .exclusive) == nil)
        holder = nil
        #expect(holder == nil)
        #expect(try tryLock(path, .exclusive) != nil)
    }

    @Test("holding runs the body under the lock and releases it after")
    func holding() throws {
        let path = lockPath()
        defer { unlink(path) }
        let heldInside = try FileLock.holding(at: path, .exclusive) { try tryLock(path, .shared) == nil }
        #expect(heldInside)
        #expect(try tryLock(path, .exclusive) != nil)
    }
}
