import HostSystem
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// `docker export`: a container's whole filesystem as one plain tarball — its image layers and
/// its writable layer merged as overlayfs shows them (whiteouts applied), nothing of the
/// runtime's mounts. `import` makes an image of such a tarball again.
///
/// The tree is read by file descriptor from the root of a read-only overlay of the container's
/// layers (`DetachedOverlay`): each entry is opened relative to its parent directory's fd with
/// O_NOFOLLOW. A running container may swap a directory for a symlink to `/` meanwhile; read by
/// path from its writable layer, that would put the host's files in the archive (CVE-2018-15664).
public enum RootfsExport {
    /// Writes the tree under the directory fd `root` as a tar to `path` (or to standard output for "-").
    public static func write(root: Int32, to path: String) throws {
        let fd = path == "-" ? dup(STDOUT_FILENO) : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImageStoreError.system("open", path) }
        defer { close(fd) }
        try write(root: root, to: FileDescriptor(rawValue: fd), path: path)
    }

    /// Writes the tree under `root` as a tar to an open file (`cp CONTAINER:PATH -` to standard output).
    public static func write(root: Int32, to output: FileDescriptor, path: String = "-") throws {
        let tar = try TarWriter(fd: output.rawValue, path: path)
        try add(directory: root, prefix: "", to: tar)
        _ = try tar.finish()
    }

    private static func add(directory: Int32, prefix: String, to tar: TarWriter) throws {
        for name in try DirectoryWalk.sortedNames(inDirectory: directory, shownAs: prefix.isEmpty ? "/" : prefix) {
            var info = stat()
            guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }   // gone meanwhile
            let relative = prefix + name
            var entry = LayerEntry(path: relative, kind: .directory, permissions: UInt32(info.st_mode) & 0o7777,
                                   uid: Int64(info.st_uid), gid: Int64(info.st_gid), modificationTime: Int64(info.st_mtim.tv_sec))
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try tar.write(entry)
                let child = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw ImageStoreError.system("open", relative) }
                defer { close(child) }
                try add(directory: child, prefix: relative + "/", to: tar)
                continue
            case S_IFREG:
                entry.kind = .regularFile(.entry(directory: directory, name: name, size: Int64(info.st_size)))
            case S_IFLNK:
                entry.kind = .symlink(target: try DirectoryWalk.readLink(name, in: directory, shownAs: relative))
            case S_IFIFO:
                entry.kind = .fifo
            default:
                continue   // devices and sockets are the runtime's, not the container's files
            }
            try tar.write(entry)
        }
    }
}
