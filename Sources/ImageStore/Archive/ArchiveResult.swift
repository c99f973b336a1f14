import CArchive

/// libarchive's return codes, checked in one place so every failure carries `archive_error_string`.
enum ArchiveResult {
    /// Throws unless `code` is ARCHIVE_OK or ARCHIVE_WARN (warnings, e.g. a lossy name, are tolerated).
    static func check(_ code: Int32, _ archive: OpaquePointer, _ operation: String) throws(ImageStoreError) {
        guard code < ARCHIVE_WARN else { return }
        throw ImageStoreError(.system, "\(operation): \(message(archive))")
    }

    /// The error for a constructor that returned NULL: out of memory, or libarchive could not be
    /// loaded (it is loaded on first use: CArchive/include/dy_archive.h).
    static func creationFailed(_ function: String, for path: String) -> ImageStoreError {
        let reason = dy_archive_load_error().map { ": " + String(cString: $0) } ?? ""
        return ImageStoreError(.system, "\(function) failed for \(path)\(reason)")
    }

    static func message(_ archive: OpaquePointer) -> String {
        dy_archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}

/// File-type bits of a tar entry, as <sys/stat.h> and libarchive's `AE_IF*` spell them
/// (the macros do not import into Swift).
enum FileType {
    static let mask: UInt32 = 0o170000
    static let regular: UInt32 = 0o100000
    static let directory: UInt32 = 0o040000
    static let symlink: UInt32 = 0o120000
    static let characterDevice: UInt32 = 0o020000
    static let blockDevice: UInt32 = 0o060000
    static let fifo: UInt32 = 0o010000
    static let socket: UInt32 = 0o140000
}
