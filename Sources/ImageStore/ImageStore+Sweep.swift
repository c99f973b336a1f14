#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// Removes temp files and half-unpacked layers left by dockyard processes that died mid-write
    /// (their names carry the writer's pid; a temp whose writer still runs is left alone).
    /// Not called on every start, to keep `run` fast: the engine's clean-up pass calls it.
    public func removeAbandonedTemporaries() {
        for directory in [blobs.directory, layersPath, layoutPath, MountPointLayer.parentDirectory(root: root)] {
            guard let names = try? DirectoryWalk.sortedNames(in: directory) else { continue }
            for name in names where name.hasPrefix(".tmp-") {
                guard let pid = Self.writerPID(of: name), kill(pid, 0) != 0, errno == ESRCH else { continue }
                FileSystem.removeTree(directory + "/" + name)
            }
        }
    }

    /// The pid in `.tmp-<pid>-<random>` (blobs, index) or `.tmp-<short id>-<pid>-<random>` (layers).
    static func writerPID(of name: String) -> pid_t? {
        let parts = name.dropFirst(".tmp-".count).split(separator: "-")
        guard parts.count >= 2 else { return nil }
        let candidate = parts.count == 2 ? parts[0] : parts[1]
        return pid_t(candidate)
    }
}
