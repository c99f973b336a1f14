import OCI
#if canImport(Glibc)
import Glibc
#endif

/// `docker export`: a container's whole filesystem as one plain tarball — its image layers and
/// its writable layer merged as overlayfs shows them (whiteouts applied), nothing of the
/// runtime's mounts. `import` makes an image of such a tarball again.
public enum RootfsExport {
    /// Writes the merged view of `stack` as a tar to `path` (or to standard output for "-").
    public static func write(_ stack: LayerStack, to path: String) throws {
        let fd = path == "-" ? dup(STDOUT_FILENO) : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImageStoreError.system("open", path) }
        defer { close(fd) }
        let tar = try TarWriter(fd: fd, path: path)
        try add("/", in: stack, to: tar)
        _ = try tar.finish()
    }

    private static func add(_ directory: String, in stack: LayerStack, to tar: TarWriter) throws {
        for name in stack.names(in: directory) {
            let path = (directory == "/" ? "" : directory) + "/" + name
            guard let item = stack.item(at: path) else { continue }
            var info = stat()
            guard lstat(item.hostPath, &info) == 0 else { continue }
            let relative = String(path.dropFirst())
            var entry = LayerEntry(path: relative, kind: .directory, permissions: item.mode & 0o7777,
                                   uid: Int64(item.uid), gid: Int64(item.gid), modificationTime: Int64(item.modificationTime))
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try tar.write(entry)
                try add(path, in: stack, to: tar)
                continue
            case S_IFREG:
                entry.kind = .regularFile(.file(path: item.hostPath, size: Int64(info.st_size)))
            case S_IFLNK:
                entry.kind = .symlink(target: try DirectoryWalk.readLink(item.hostPath))
            case S_IFIFO:
                entry.kind = .fifo
            default:
                continue   // devices and sockets are the runtime's, not the container's files
            }
            try tar.write(entry)
        }
    }
}
