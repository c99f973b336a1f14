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

    /// What is at a path inside a root, for a reader that wants a regular file's text.
    public enum Lookup: Sendable, Equatable {
        /// Nothing there: a lower layer may still have it.
        case missing
        /// Something that is not a regular file (a directory, a FIFO, a device, a whiteout), or
        /// one larger than the limit: it hides what lower layers have, and is not read.
        case notRegular
        case contents(String)
    }

    /// The regular file at `path` inside the directory `root` (a host path such as a layer or
    /// /proc/PID/root), resolved inside it. An image's /etc/passwd may be a symlink to the host's
    /// shadow file, a FIFO that never ends, or /dev/zero: none of them is read, and a device node
    /// is never even opened for reading (it is looked at through an O_PATH descriptor first).
    public static func lookUpRegularFile(_ path: String, inside root: String, limit: Int = 4 << 20) -> Lookup {
        let rootFD = Glibc.open(root, pathOnly | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return .missing }
        defer { close(rootFD) }
        let found = dy_openat2(rootFD, path, pathOnly | O_CLOEXEC, 0, inRoot)
        guard found >= 0 else { return -found == ENOENT || -found == ENOTDIR ? .missing : .notRegular }
        defer { close(found) }
        var info = stat()
        guard fstat(found, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return .notRegular }
        // Reopened for reading through the descriptor already resolved: no second resolution.
        let fd = Glibc.open("/proc/self/fd/\(found)", O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .notRegular }
        defer { close(fd) }
        // Never past the size checked above: a file that grows meanwhile is cut there.
        let size = Int(info.st_size)
        var bytes: [UInt8] = []
        while bytes.count < size, let chunk = try? FileDescriptor(rawValue: fd).read(upTo: size - bytes.count), !chunk.isEmpty {
            bytes += chunk
        }
        return .contents(String(decoding: bytes, as: UTF8.self))
    }

    /// The text of the regular file at `path` inside `root`, or nil (`lookUpRegularFile`).
    public static func readRegularFile(_ path: String, inside root: String, limit: Int = 4 << 20) -> String? {
        guard case let .contents(text) = lookUpRegularFile(path, inside: root, limit: limit) else { return nil }
        return text
    }

    /// An fd for `path` (absolute inside the root) relative to the directory fd `root`.
    public static func open(_ path: String, in root: Int32, flags: Int32, mode: UInt32 = 0) throws -> Int32 {
        let fd = dy_openat2(root, path, flags | O_CLOEXEC, mode, inRoot)
        guard fd >= 0 else { throw KernelError("open (inside the container)", path: path, errno: -fd) }
        return fd
    }
}
