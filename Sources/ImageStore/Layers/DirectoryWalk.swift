import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Turns a directory tree into layer entries in a fixed order: depth first, names sorted by their
/// bytes, parents before children. Never follows symlinks.
///
/// It also translates an overlayfs upper directory into an OCI changeset: a character device 0/0
/// (overlayfs's whiteout) becomes an empty `.wh.NAME` file, and a directory carrying
/// `trusted.overlay.opaque=y` gets a `.wh..wh..opq` entry right after it. A file with several
/// links is stored once; its other names become hardlink entries.
struct DirectoryWalk {
    let root: String
    private var firstPathOfInode: [InodeKey: String] = [:]

    private struct InodeKey: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    init(root: String) {
        self.root = root
    }

    /// Calls `body` with each entry below `root` (not `root` itself), in order. A regular file's
    /// entry reads its bytes through the directory fd held at that moment: `body` must use the
    /// entry before it returns (LayerWriter writes it at once).
    mutating func forEach(_ body: (LayerEntry) throws(ImageStoreError) -> Void) throws(ImageStoreError) {
        var info = stat()
        guard lstat(root, &info) == 0 else { throw .system("lstat", root) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ImageStoreError(.system, "cannot make a layer from \(root): not a directory")
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open", root) }
        defer { close(fd) }
        try walk(directory: fd, relative: "", body)
    }

    /// One directory, held open as `directory`. Everything in it is reached relative to that fd
    /// (fstatat, openat with O_NOFOLLOW, readlinkat), never by a path from `root`: the upperdir of
    /// a running container can change while it is read (`commit`), and a directory swapped for a
    /// symlink to `/` must not lead the walk to the host's files (CVE-2018-15664).
    private mutating func walk(directory: Int32, relative: String,
                               _ body: (LayerEntry) throws(ImageStoreError) -> Void) throws(ImageStoreError) {
        // Attribute calls want a path: /proc/self/fd/N is the directory held, and only the last
        // component (`name`, never followed by the l* calls) is looked up in it.
        let held = "/proc/self/fd/\(directory)"
        for name in try Self.sortedNames(inDirectory: directory, shownAs: root + (relative.isEmpty ? "" : "/" + relative)) {
            let path = relative.isEmpty ? name : relative + "/" + name
            let shown = root + "/" + path
            let heldPath = held + "/" + name
            var info = stat()
            guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw .system("lstat", shown) }
            let type = UInt32(info.st_mode) & FileType.mask
            let isOverlayWhiteout = type == FileType.characterDevice && info.st_rdev == 0
            var entry = LayerEntry(
                path: isOverlayWhiteout ? Self.sibling(of: path, named: Whiteout.prefix + name) : path,
                kind: .directory, permissions: UInt32(info.st_mode) & 0o7777,
                uid: Int64(info.st_uid), gid: Int64(info.st_gid), modificationTime: Int64(info.st_mtim.tv_sec))
            if !isOverlayWhiteout && type != FileType.symlink {
                entry.extendedAttributes = Self.keptAttributes(of: heldPath)
            }
            switch type {
            case _ where isOverlayWhiteout:
                entry.kind = .regularFile(.bytes([]))
                entry.permissions = 0o644
            case FileType.directory:
                try body(entry)
                if Whiteout.isOpaque(heldPath) {
                    try body(LayerEntry(path: path + "/" + Whiteout.opaqueMarker, kind: .regularFile(.bytes([])),
                                        permissions: 0o644, modificationTime: entry.modificationTime))
                }
                let child = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw .system("open", shown) }
                defer { close(child) }
                try walk(directory: child, relative: path, body)
                continue
            case FileType.regular:
                let key = InodeKey(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                if info.st_nlink > 1, let first = firstPathOfInode[key] {
                    entry.kind = .hardlink(target: first)
                } else {
                    if info.st_nlink > 1 { firstPathOfInode[key] = path }
                    entry.kind = .regularFile(.entry(directory: directory, name: name, size: Int64(info.st_size)))
                }
            case FileType.symlink:
                entry.kind = .symlink(target: try Self.readLink(name, in: directory, shownAs: shown))
            case FileType.characterDevice:
                entry.kind = .characterDevice(major: Device.major(UInt64(info.st_rdev)), minor: Device.minor(UInt64(info.st_rdev)))
            case FileType.blockDevice:
                entry.kind = .blockDevice(major: Device.major(UInt64(info.st_rdev)), minor: Device.minor(UInt64(info.st_rdev)))
            case FileType.fifo:
                entry.kind = .fifo
            default:
                continue  // Sockets do not belong in images.
            }
            try body(entry)
        }
    }

    private static func sibling(of path: String, named name: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return name }
        return String(path[...slash]) + name
    }

    /// Xattrs worth keeping in an image: not overlayfs's own bookkeeping, not SELinux labels of this host.
    private static func keptAttributes(of path: String) -> [(name: String, value: [UInt8])] {
        ExtendedAttributes.names(path: path).compactMap { name in
            guard !name.hasPrefix("trusted.overlay."), !name.hasPrefix("user.overlay."), name != "security.selinux",
                  let value = ExtendedAttributes.get(name, path: path) else { return nil }
            return (name, value)
        }
    }

    static func sortedNames(in directory: String) throws(ImageStoreError) -> [String] {
        guard let names = DirectoryListing.names(atPath: directory) else { throw .system("opendir", directory) }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The names in the directory open as `directory`, sorted by their bytes, as a layer stores them.
    static func sortedNames(inDirectory directory: Int32, shownAs path: String) throws(ImageStoreError) -> [String] {
        guard let names = DirectoryListing.names(inDirectory: directory) else { throw .system("opendir", path) }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The target of the symlink at the host path `path`.
    static func readLink(_ path: String) throws(ImageStoreError) -> String {
        try readLink(path, in: AT_FDCWD, shownAs: path)
    }

    /// The target of the symlink `name` in the directory open as `directory` (readlinkat).
    static func readLink(_ name: String, in directory: Int32, shownAs path: String) throws(ImageStoreError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlinkat(directory, name, &buffer, buffer.count - 1)
        guard n >= 0 else { throw .system("readlink", path) }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Linux's encoding of device numbers in a `dev_t` (glibc's `makedev`, `major`, `minor` macros).
public enum Device {
    public static func make(major: UInt32, minor: UInt32) -> dev_t {
        let major = UInt64(major), minor = UInt64(minor)
        return dev_t(((major & 0xffff_f000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffff_ff00) << 12) | (minor & 0xff))
    }

    public static func major(_ dev: UInt64) -> UInt32 {
        UInt32(((dev >> 32) & 0xffff_f000) | ((dev >> 8) & 0xfff))
    }

    public static func minor(_ dev: UInt64) -> UInt32 {
        UInt32(((dev >> 12) & 0xffff_ff00) | (dev & 0xff))
    }
}
