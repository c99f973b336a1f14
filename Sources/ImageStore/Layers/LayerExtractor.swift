import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Unpacks one layer tarball into a directory that overlayfs can use as a lowerdir, and refuses
/// anything that could reach outside that directory.
///
/// Every file is made with the *at() calls relative to a directory opened component by component
/// with O_NOFOLLOW, so a symlink already in the layer can never redirect a write to the host;
/// `..` and absolute paths are refused before anything is written; hardlinks must name a file
/// inside the layer. Symlinks themselves may point anywhere: they are resolved later, inside the
/// container's root. OCI whiteouts become overlayfs's own: `.wh.NAME` a character device 0/0
/// named NAME, `.wh..wh..opq` the `trusted.overlay.opaque=y` xattr on its directory.
///
/// Rootless (in the user's user namespace) the owners are set as the layer says, through the
/// namespace's id map, so image ownership survives. Two things cannot be made there, and are
/// skipped and told, never a failure: device nodes (a user namespace may not mknod them) and
/// owners outside the map (with only the user's own id mapped); `trusted.*` xattrs cannot be
/// written either, so an opaque directory is marked `user.overlay.opaque` alone (overlay's
/// `userxattr` reads that).
final class LayerExtractor {
    private let directory: String
    private let rootFD: Int32
    private let isPrivileged = geteuid() == 0
    private let isRootless = PrivilegeMode.current.isRootless
    /// Rootless: the device nodes of the layer that were not made.
    private(set) var skippedDevices: [String] = []
    /// Rootless: how many entries kept root as owner because theirs is not in the id map.
    private(set) var unmappedOwners = 0
    /// Directories get their final mode, owner and time last, so a read-only directory can still be filled.
    private var directoryMetadata: [(components: [String], entry: TarReaderEntryMetadata)] = []

    /// What the last pass applies to a directory.
    struct TarReaderEntryMetadata {
        var permissions: UInt32
        var uid: Int64
        var gid: Int64
        var modificationTime: timespec
    }

    init(directory: String) throws(ImageStoreError) {
        self.directory = directory
        rootFD = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard rootFD >= 0 else { throw .system("open", directory) }
    }

    deinit {
        close(rootFD)
    }

    /// Extracts every entry; returns how many were written. `check`, when given, sees each
    /// entry first and may refuse it (a pull runs `load`'s validator in the same pass).
    func extract(from reader: TarReader,
                 check: ((TarReader.Entry) throws(ImageStoreError) -> Void)? = nil) throws(ImageStoreError) -> Int {
        skippedDevices = []
        unmappedOwners = 0
        var count = 0
        while let entry = try reader.next() {
            try check?(entry)
            if try apply(entry, reader: reader) { count += 1 }
        }
        try finishDirectories()
        return count
    }

    /// What rootless extraction left out, as notes for `--explain` (empty otherwise).
    var notes: [String] {
        var notes: [String] = []
        if !skippedDevices.isEmpty {
            let listed = skippedDevices.prefix(5).joined(separator: ", ") + (skippedDevices.count > 5 ? ", …" : "")
            notes.append("rootless: \(skippedDevices.count) device node(s) in the layer not made (a user namespace may not mknod them): \(listed)")
        }
        if unmappedOwners > 0 {
            notes.append("rootless: \(unmappedOwners) file(s) kept root as owner: their owner is outside your user namespace's id map (add subordinate ids: usermod --add-subuids)")
        }
        return notes
    }

    private func apply(_ entry: TarReader.Entry, reader: TarReader) throws(ImageStoreError) -> Bool {
        let raw = entry.pathname
        let components = try LayerPath.components(of: raw, entry: raw)
        let metadata = TarReaderEntryMetadata(permissions: entry.permissions, uid: entry.uid, gid: entry.gid,
                                              modificationTime: entry.modificationTime)
        guard let name = components.last else {
            // The layer's root ("./"): only its metadata matters.
            if entry.fileType == FileType.directory { directoryMetadata.append(([], metadata)) }
            return false
        }
        for parent in components.dropLast() where parent.hasPrefix(Whiteout.prefix) {
            throw LayerPath.unsafe(raw, "a whiteout (\(parent)) cannot be a directory")
        }
        let parentFD = try openDirectory(components.dropLast(), create: true, entry: raw)
        defer { close(parentFD) }

        if name.hasPrefix(Whiteout.prefix) {
            return try applyWhiteout(name, in: parentFD, metadata: metadata, entry: raw)
        }
        if let target = entry.hardlink {
            try link(name, in: parentFD, to: target, entry: raw)
            return true
        }
        switch entry.fileType {
        case FileType.directory:
            try makeDirectory(name, in: parentFD, entry: raw)
            directoryMetadata.append((components, metadata))
            try withOpenDirectory(components, entry: raw) { (fd) throws(ImageStoreError) in
                try setAttributes(entry, fd: fd, path: raw)
            }
        case FileType.regular:
            try writeFile(name, in: parentFD, entry: entry, reader: reader, metadata: metadata)
        case FileType.symlink:
            try removeExisting(name, in: parentFD, entry: raw)
            guard symlinkat(entry.symlink ?? "", parentFD, name) == 0 else { throw .system("symlinkat", raw) }
            try setOwnerAndTime(name, in: parentFD, metadata, path: raw)
        case FileType.characterDevice, FileType.blockDevice, FileType.fifo:
            if isRootless && entry.fileType != FileType.fifo {
                skippedDevices.append(raw)
                return false
            }
            try removeExisting(name, in: parentFD, entry: raw)
            let device = Device.make(major: entry.deviceMajor, minor: entry.deviceMinor)
            guard mknodat(parentFD, name, mode_t(entry.fileType | entry.permissions), device) == 0 else {
                throw .system("mknodat", raw)
            }
            try setOwnerAndTime(name, in: parentFD, metadata, path: raw)
            guard fchmodat(parentFD, name, mode_t(entry.permissions), 0) == 0 else { throw .system("fchmodat", raw) }
        default:
            return false  // Sockets and unknown types are not part of an image.
        }
        return true
    }

    // MARK: - Whiteouts

    private func applyWhiteout(_ name: String, in parentFD: Int32, metadata: TarReaderEntryMetadata,
                               entry: String) throws(ImageStoreError) -> Bool {
        if name == Whiteout.opaqueMarker {
            if !isRootless { try ExtendedAttributes.set(Whiteout.opaqueXattr, [0x79], fd: parentFD, path: entry) }
            try ExtendedAttributes.set(Whiteout.userOpaqueXattr, [0x79], fd: parentFD, path: entry, ignoringUnsupported: true)
            return true
        }
        if name.hasPrefix(Whiteout.prefix + Whiteout.prefix) {
            return false  // aufs bookkeeping (.wh..wh.plnk and friends): meaningless to overlayfs.
        }
        let hidden = String(name.dropFirst(Whiteout.prefix.count))
        guard !hidden.isEmpty, hidden != ".", hidden != ".." else {
            throw LayerPath.unsafe(entry, "\"\(name)\" is not a valid whiteout name")
        }
        try removeExisting(hidden, in: parentFD, entry: entry)
        guard mknodat(parentFD, hidden, mode_t(FileType.characterDevice), Device.make(major: 0, minor: 0)) == 0 else {
            throw .system("mknodat (whiteout)", entry)
        }
        try setOwnerAndTime(hidden, in: parentFD, metadata, path: entry)
        return true
    }

    // MARK: - Files, directories, links

    private func writeFile(_ name: String, in parentFD: Int32, entry: TarReader.Entry, reader: TarReader,
                           metadata: TarReaderEntryMetadata) throws(ImageStoreError) {
        let path = entry.pathname
        try removeExisting(name, in: parentFD, entry: path)
        let fd = openat(parentFD, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("openat", path) }
        defer { close(fd) }
        try reader.readData { (block, offset) throws(ImageStoreError) in
            do throws(SystemCallError) { try FileDescriptor(rawValue: fd).writeAll(block, at: Int64(offset), path: path) } catch { throw ImageStoreError(error) }
        }
        guard ftruncate(fd, off_t(entry.size)) == 0 else { throw .system("ftruncate", path) }
        try setAttributes(entry, fd: fd, path: path)
        try setOwnerModeAndTime(metadata, fd: fd, path: path)
    }

    private func makeDirectory(_ name: String, in parentFD: Int32, entry: String) throws(ImageStoreError) {
        if mkdirat(parentFD, name, 0o700) == 0 { return }
        guard errno == EEXIST else { throw .system("mkdirat", entry) }
        var info = stat()
        guard fstatat(parentFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw .system("fstatat", entry) }
        if UInt32(info.st_mode) & FileType.mask == FileType.directory { return }
        try removeExisting(name, in: parentFD, entry: entry)
        guard mkdirat(parentFD, name, 0o700) == 0 else { throw .system("mkdirat", entry) }
    }

    private func link(_ name: String, in parentFD: Int32, to rawTarget: String, entry: String) throws(ImageStoreError) {
        let target = try LayerPath.components(of: rawTarget, entry: entry)
        guard let targetName = target.last else {
            throw LayerPath.unsafe(entry, "it is a hardlink to the layer's root")
        }
        let targetParent = try openDirectory(target.dropLast(), create: false, entry: entry)
        defer { close(targetParent) }
        var info = stat()
        guard fstatat(targetParent, targetName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw LayerPath.unsafe(entry, "its hardlink target \"\(rawTarget)\" is not earlier in the layer")
        }
        try removeExisting(name, in: parentFD, entry: entry)
        // Flags 0: if the target is a symlink, link the symlink itself, never what it points to.
        guard linkat(targetParent, targetName, parentFD, name, 0) == 0 else { throw .system("linkat", entry) }
    }

    /// Removes whatever is at `name` (not following symlinks) so a new entry can take its place.
    private func removeExisting(_ name: String, in parentFD: Int32, entry: String) throws(ImageStoreError) {
        var info = stat()
        guard fstatat(parentFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        let isDirectory = UInt32(info.st_mode) & FileType.mask == FileType.directory
        guard unlinkat(parentFD, name, isDirectory ? AT_REMOVEDIR : 0) == 0 else {
            throw .system("unlinkat", entry)
        }
    }

    // MARK: - Metadata

    private func setAttributes(_ entry: TarReader.Entry, fd: Int32, path: String) throws(ImageStoreError) {
        for (name, value) in entry.extendedAttributes {
            // overlayfs's own xattrs could redirect lookups to other layers: only whiteouts may set
            // them, in both spellings (user.overlay.* is what it reads inside a user namespace).
            if name.hasPrefix("trusted.overlay.") || name.hasPrefix("user.overlay.") { continue }
            try ExtendedAttributes.set(name, value, fd: fd, path: path, ignoringUnsupported: true)
        }
    }

    /// An open file's or directory's owner (as root), mode and time, as the layer gives them.
    private func setOwnerModeAndTime(_ metadata: TarReaderEntryMetadata, fd: Int32, path: String) throws(ImageStoreError) {
        if isPrivileged {
            if fchown(fd, uid_t(truncatingIfNeeded: metadata.uid), gid_t(truncatingIfNeeded: metadata.gid)) != 0 {
                guard isRootless && errno == EINVAL else { throw .system("fchown", path) }
                unmappedOwners += 1
            }
        }
        // chmod after chown: chown clears setuid and setgid bits.
        guard fchmod(fd, mode_t(metadata.permissions)) == 0 else { throw .system("fchmod", path) }
        var times = [metadata.modificationTime, metadata.modificationTime]
        guard futimens(fd, &times) == 0 else { throw .system("futimens", path) }
    }

    private func setOwnerAndTime(_ name: String, in parentFD: Int32, _ metadata: TarReaderEntryMetadata, path: String) throws(ImageStoreError) {
        if isPrivileged {
            if fchownat(parentFD, name, uid_t(truncatingIfNeeded: metadata.uid), gid_t(truncatingIfNeeded: metadata.gid),
                        AT_SYMLINK_NOFOLLOW) != 0 {
                guard isRootless && errno == EINVAL else { throw .system("fchownat", path) }
                unmappedOwners += 1
            }
        }
        var times = [metadata.modificationTime, metadata.modificationTime]
        guard utimensat(parentFD, name, &times, AT_SYMLINK_NOFOLLOW) == 0 else { throw .system("utimensat", path) }
    }

    /// Gives each directory its mode, owner and time, deepest first so a child's time is not
    /// disturbed by work in its parent. The layer root is 0755 unless the layer says otherwise.
    private func finishDirectories() throws(ImageStoreError) {
        if !directoryMetadata.contains(where: { $0.components.isEmpty }) {
            guard fchmod(rootFD, 0o755) == 0 else { throw .system("fchmod", directory) }
        }
        for (components, metadata) in directoryMetadata.reversed() {
            let path = components.isEmpty ? "." : components.joined(separator: "/")
            try withOpenDirectory(components, entry: path) { (fd) throws(ImageStoreError) in
                try setOwnerModeAndTime(metadata, fd: fd, path: path)
            }
        }
    }

    // MARK: - Walking without following symlinks

    private func withOpenDirectory(_ components: [String], entry: String,
                                   _ body: (Int32) throws(ImageStoreError) -> Void) throws(ImageStoreError) {
        let fd = try openDirectory(components[...], create: false, entry: entry)
        defer { close(fd) }
        try body(fd)
    }

    /// Opens a directory inside the layer one component at a time with O_NOFOLLOW, making missing
    /// ones when `create` is set. A symlink or a file on the way is refused: extraction never
    /// writes through a link.
    private func openDirectory(_ components: ArraySlice<String>, create: Bool, entry: String) throws(ImageStoreError) -> Int32 {
        var fd = dup(rootFD)
        guard fd >= 0 else { throw .system("dup", directory) }
        var walked = ""
        for component in components {
            walked += walked.isEmpty ? component : "/" + component
            let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
            var next = openat(fd, component, flags)
            if next < 0 && errno == ENOENT && create {
                if mkdirat(fd, component, 0o755) != 0 && errno != EEXIST {
                    let code = errno
                    close(fd)
                    throw .system("mkdirat", walked, errno: code)
                }
                next = openat(fd, component, flags)
            }
            let code = errno
            close(fd)
            guard next >= 0 else {
                if code == ELOOP || code == ENOTDIR {
                    throw LayerPath.unsafe(entry, "\"\(walked)\" is a symlink or not a directory, and extraction never writes through one")
                }
                throw .system("openat", walked, errno: code)
            }
            fd = next
        }
        return fd
    }
}
