#if canImport(Glibc)
import Glibc
#endif

/// Replacing a file whole: the bytes go to a temporary file beside it, which rename(2) then puts
/// over the old one in one step, so a reader finds the old file or the new one, never half of
/// either. With `durable`, the temporary file and then its directory are fsynced as well, so the
/// new file also survives a power cut (image indexes, credentials); without, the call costs no
/// disk flush (a container's record, rewritten on every start).
public enum AtomicFile {
    public static func replace(_ bytes: [UInt8], at path: String, mode: mode_t = 0o644,
                               durable: Bool) throws(SystemCallError) {
        // A name of its own per writer: two processes replacing one file never share a temporary.
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, permissions: mode)
        do throws(SystemCallError) {
            try file.writeAll(bytes, path: temporary)
            if durable, fsync(file.rawValue) != 0 { throw SystemCallError("fsync", path: temporary, errno: errno) }
        } catch {
            file.close()
            unlink(temporary)
            throw error
        }
        file.close()   // exactly once: a second close could hit a descriptor another thread was just given
        guard rename(temporary, path) == 0 else {
            let failure = errno
            unlink(temporary)
            throw SystemCallError("rename", path: path, errno: failure)
        }
        if durable { syncDirectory(containing: path) }
    }

    /// fsyncs the directory holding `path`, so a rename into it survives a crash.
    public static func syncDirectory(containing path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        guard let fd = try? FileDescriptor.open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY) else { return }
        fsync(fd.rawValue)
        fd.close()
    }
}
