#if canImport(Glibc)
import Glibc
#endif

/// Which program a process runs: the file execve(2) last loaded, which /proc/PID/exe names.
/// A container's first process is cloned from dockyard and runs dockyard's setup plan (mounts,
/// pivot_root, capabilities) until it execs the container's command, so until then its exe is
/// dockyard's own binary. That is how `rm -f` tells a process still being set up — whose kill
/// its `run -d` would report as a failed start — from a container that has started.
enum ProcessImage {
    /// Whether `pid` has exec'd a program other than this dockyard binary; true as well when
    /// /proc cannot say (the process is gone, or not this user's to read), so that a caller
    /// waiting for it never waits on a process that is not there.
    static func hasLeftDockyard(pid: Int32) -> Bool {
        guard let own = ownBinary, let its = FileIdentity(path: "/proc/\(pid)/exe") else { return true }
        return its != own
    }

    private static let ownBinary = FileIdentity(path: "/proc/self/exe")
}

/// A file as the kernel knows it: device and inode, whatever name it is reached by.
private struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
