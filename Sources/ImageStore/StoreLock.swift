import HostSystem

/// flock(2) on one of the store's lock files. Exclusive: two dockyard processes changing
/// `index.json` at once take turns instead of one losing the other's tag. Shared: many holders at
/// once, none while someone holds it exclusively — writers that put blobs in the store before
/// tagging them (`load`) hold it shared, and garbage collection exclusively, so it never deletes a
/// blob about to be tagged. HostSystem's `FileLock`, with failures reported as `ImageStoreError`s.
enum StoreLock {
    static func withExclusiveLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        try withLock(.exclusive, at: path, body)
    }

    static func withSharedLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        try withLock(.shared, at: path, body)
    }

    private static func withLock<T>(_ mode: FileLock.Mode, at path: String, _ body: () throws -> T) throws -> T {
        let lock: FileLock
        do {
            lock = try FileLock.acquire(at: path, mode: mode, permissions: 0o644)
        } catch {
            throw ImageStoreError(error)
        }
        return try withExtendedLifetime(lock) { try body() }
    }
}
