import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Writes small state files (a container's record, its /etc/hosts) with plain open/write/close.
/// Foundation's `Data.write(to:)` also fsyncs, which costs about half a millisecond each on the
/// start path; these files are rewritten on every start, so losing one to a power cut is harmless.
public enum FileWriting {
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws(KernelError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw KernelError("open", path: path, errno: errno) }
        defer { close(fd) }
        do { try FileDescriptor(rawValue: fd).writeAll(text, path: path) } catch { throw KernelError(error) }
    }

    /// Replaces `path` whole, so a reader finds the old file or the new one, never half of
    /// either (a record, a lease table, a pid file); without a disk flush (AtomicFile).
    public static func replace(_ text: String, at path: String, mode: mode_t = 0o644) throws(KernelError) {
        do { try AtomicFile.replace(Array(text.utf8), at: path, mode: mode, durable: false) } catch { throw KernelError(error) }
    }
}
