import FoundationEssentials
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The file `--init` bind-mounts at /dev/init: a root-owned, read-only (0555) copy of
/// dockyard-init kept in the storage root, never the build's own binary. A bind mount shares the
/// inode, so whatever root in a container may do to /dev/init it would do to the source file:
/// the mount is read-only too (RootFilesystemPlan), and the copy keeps a slip of either from
/// reaching the binary that the next build or another user runs.
public enum InitBinary {
    /// The copy of `source` under `root` (`<root>/init/dockyard-init`), made or refreshed when
    /// `source` changed (another size or modification time, which the copy takes over): written
    /// to a temporary file, then renamed into place, so a container starting meanwhile binds
    /// either the old copy or the new one, whole.
    public static func installed(from source: String, root: String) throws -> String {
        let directory = root + "/init"
        let target = directory + "/dockyard-init"
        var origin = stat()
        guard stat(source, &origin) == 0 else { throw failure("stat", source) }
        if isCurrent(target, of: origin) { return target }
        let wanted = try contents(of: source)
        if mkdir(directory, 0o755) != 0 && errno != EEXIST { throw failure("mkdir", directory) }
        let temporary = "\(target).\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create", temporary) }
        let complete = (try? FileDescriptor(rawValue: fd).writeAll(wanted)) != nil
        var times = [origin.st_atim, origin.st_mtim]
        let owned = fchown(fd, 0, 0) == 0 && fchmod(fd, 0o555) == 0 && futimens(fd, &times) == 0
        close(fd)
        guard complete, owned, rename(temporary, target) == 0 else {
            let error = failure("install", target)
            unlink(temporary)
            throw error
        }
        return target
    }

    /// Whether the copy is root's, read-only, and of the same size and time as the source.
    private static func isCurrent(_ path: String, of origin: stat) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == 0
            && info.st_mode & 0o7777 == 0o555 && info.st_size == origin.st_size
            && info.st_mtim.tv_sec == origin.st_mtim.tv_sec && info.st_mtim.tv_nsec == origin.st_mtim.tv_nsec
    }

    private static func contents(of path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        defer { close(fd) }
        do { return try FileDescriptor(rawValue: fd).readAll(path: path) } catch {
            throw RuntimeError("--init: read \(path): \(error.reason)")
        }
    }

    private static func failure(_ operation: String, _ path: String) -> RuntimeError {
        let cause = KernelError(operation, path: path, errno: errno)
        return RuntimeError(code: .system, "--init: \(cause)", cause: cause)
    }
}
