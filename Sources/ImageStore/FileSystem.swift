import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The few file operations the store needs, over POSIX calls so errors name the call and path:
/// reading a whole file, writing one atomically, and making directories.
enum FileSystem {
    /// The whole content of a file.
    static func read(_ path: String) throws(ImageStoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open", path) }
        defer { close(fd) }
        do { return try FileDescriptor(rawValue: fd).readAll(path: path) } catch { throw ImageStoreError(error) }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ImageStoreError) {
        do { try FileDescriptor(rawValue: fd).writeAll(bytes, path: path) } catch { throw ImageStoreError(error) }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ImageStoreError) {
        do { try FileDescriptor(rawValue: fd).writeAll(bytes, path: path) } catch { throw ImageStoreError(error) }
    }

    /// Replaces `path` with `bytes` durably (AtomicFile): a reader sees the old file or the new one.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(ImageStoreError) {
        do { try AtomicFile.replace(bytes, at: path, mode: mode, durable: true) } catch { throw ImageStoreError(error) }
    }

    /// Renames a finished temp file into place and makes the rename durable (unless the caller
    /// syncs the directory itself, once for many renames).
    static func commit(_ temp: String, to path: String, syncingDirectory: Bool = true) throws(ImageStoreError) {
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw .system("rename", temp + " -> " + path, errno: code)
        }
        if syncingDirectory { syncDirectory(containing: path) }
    }

    /// fsyncs the directory holding `path`, so a rename into it survives a crash.
    static func syncDirectory(containing path: String) {
        AtomicFile.syncDirectory(containing: path)
    }

    /// A fresh name in the same directory as `path`, starting with `.tmp-` so readers skip it.
    static func temporaryPath(besides path: String) -> String {
        directoryName(of: path) + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    }

    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// A directory, not a symlink to one.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(ImageStoreError) {
        // Usually all of it exists already (every command makes the store's directories): one
        // mkdir says so.
        if mkdir(path, mode) == 0 || errno == EEXIST { return }
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/"
            current += String(component)   // String's own append: `+ component` would be the generic one
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw .system("mkdir", current)
            }
        }
    }

    /// Renames a finished directory to its content-addressed name. If another dockyard process
    /// put the same content there first, theirs is kept and this one removed.
    static func moveIntoPlace(_ source: String, _ destination: String) throws(ImageStoreError) {
        guard rename(source, destination) != 0 else { return }
        let code = errno
        guard code == EEXIST || code == ENOTEMPTY else {
            throw ImageStoreError.system("rename", source + " -> " + destination, errno: code)
        }
        removeTree(source)
    }

    /// `rm -rf`, never following symlinks; used for temp directories the store made itself.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            chmod(path, 0o700)
            for name in DirectoryListing.names(atPath: path) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
