import CLinux
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Opens paths inside a container's root directory the way the container itself would see them:
/// with openat2(RESOLVE_IN_ROOT), a symlink inside (even `/etc -> /`) resolves within that root
/// and can never lead to the host's files. `dockyard cp` writes through it; `run` and `exec` read
/// the image's /etc/passwd and /etc/group through it.
public enum RootedPath {
    /// O_PATH: an fd that names a place (for *at calls) without opening it for I/O. Glibc's Swift
    /// module hides it behind _GNU_SOURCE.
    public static let pathOnly: Int32 = 0o10000000

    /// RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS from <linux/openat2.h>.
    static let inRoot: UInt64 = 0x10 | 0x02

    /// The contents of the regular file at `path` inside the directory `root` (a host path such
    /// as a layer or /proc/PID/root), resolved inside it; nil when it is missing, not a regular
    /// file, or larger than `limit`. An image's /etc/passwd may be a symlink to the host's shadow
    /// file, a FIFO that never ends, or /dev/zero: none of them is read.
    public static func readRegularFile(_ path: String, inside root: String, limit: Int = 4 << 20) -> String? {
        let rootFD = Glibc.open(root, pathOnly | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        guard let fd = try? open(path, in: rootFD, flags: O_RDONLY | O_NONBLOCK | O_NOCTTY) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        // Never past the size checked above: a file that grows meanwhile is cut there.
        let size = Int(info.st_size)
        var bytes: [UInt8] = []
        while bytes.count < size, let chunk = try? FileDescriptor(rawValue: fd).read(upTo: size - bytes.count), !chunk.isEmpty {
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An fd for `path` (absolute inside the root) relative to the directory fd `root`.
    public static func open(_ path: String, in root: Int32, flags: Int32, mode: UInt32 = 0) throws -> Int32 {
        let fd = dy_openat2(root, path, flags | O_CLOEXEC, mode, inRoot)
        guard fd >= 0 else { throw KernelError("open (inside the container)", path: path, errno: -fd) }
        return fd
    }
}
