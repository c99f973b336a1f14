import CArchive

/// One tar header being written: libarchive's `archive_entry`, owned and freed in `deinit`.
final class ArchiveEntry {
    let pointer: OpaquePointer
    let pathname: String

    init(pathname: String) throws(ImageStoreError) {
        guard let pointer = dy_archive_entry_new() else {
            throw ArchiveResult.creationFailed("archive_entry_new", for: pathname)
        }
        self.pointer = pointer
        self.pathname = pathname
        dy_archive_entry_copy_pathname(pointer, pathname)
    }

    deinit {
        dy_archive_entry_free(pointer)
    }

    /// Type bits and permission bits together, e.g. `FileType.regular | 0o755`.
    func setMode(_ mode: UInt32) { dy_archive_entry_set_mode(pointer, mode) }
    func setSize(_ size: Int64) { dy_archive_entry_set_size(pointer, size) }
    /// Numeric owners only, no user or group names: a layer must not depend on the host's /etc/passwd.
    func setOwner(uid: Int64, gid: Int64) {
        dy_archive_entry_set_uid(pointer, uid)
        dy_archive_entry_set_gid(pointer, gid)
    }
    /// Whole seconds only: sub-second times would add pax records and vary between file systems.
    func setModificationTime(_ seconds: Int64) { dy_archive_entry_set_mtime(pointer, time_t(seconds), 0) }
    func setSymlinkTarget(_ target: String) { dy_archive_entry_copy_symlink(pointer, target) }
    func setHardlinkTarget(_ target: String) { dy_archive_entry_copy_hardlink(pointer, target) }
    func setDevice(major: UInt32, minor: UInt32) {
        dy_archive_entry_set_rdevmajor(pointer, dev_t(major))
        dy_archive_entry_set_rdevminor(pointer, dev_t(minor))
    }
    func addExtendedAttribute(_ name: String, _ value: [UInt8]) {
        value.withUnsafeBytes { dy_archive_entry_xattr_add_entry(pointer, name, $0.baseAddress, $0.count) }
    }
}
