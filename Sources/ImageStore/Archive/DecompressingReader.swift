import CArchive
import OCI

/// A layer blob's *uncompressed* bytes, through libarchive's gzip or zstd filter and its "raw" format
/// (no tar parsing). A layer's diff_id is the digest of these bytes, whatever the blob's
/// compression, so this is how a compressed layer's diff_id is checked or a layer decompressed.
final class DecompressingReader {
    private let archive: OpaquePointer
    private let path: String

    init(path: String) throws(ImageStoreError) {
        guard let archive = dy_archive_read_new() else {
            throw ArchiveResult.creationFailed("archive_read_new", for: path)
        }
        self.archive = archive
        self.path = path
        dy_archive_read_support_filter_gzip(archive)
        dy_archive_read_support_filter_zstd(archive)
        dy_archive_read_support_format_raw(archive)
        try ArchiveResult.check(dy_archive_read_open_filename(archive, path, 256 * 1024), archive, "decompress \(path)")
        var entry: OpaquePointer?
        try ArchiveResult.check(dy_archive_read_next_header(archive, &entry), archive, "decompress \(path)")
    }

    deinit {
        dy_archive_read_free(archive)
    }

    /// Up to `buffer.count` more uncompressed bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageStoreError) -> Int {
        let n = dy_archive_read_data(archive, buffer.baseAddress, buffer.count)
        guard n >= 0 else { throw ImageStoreError(.system, "decompress \(path): \(ArchiveResult.message(archive))") }
        return n
    }

    /// Feeds every uncompressed block to `body`, in order.
    func forEachBlock(_ body: (UnsafeRawBufferPointer) throws(ImageStoreError) -> Void) throws(ImageStoreError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = dy_archive_read_data(archive, buffer.baseAddress, buffer.count)
            if n == 0 { return }
            guard n > 0 else { throw ImageStoreError(.system, "decompress \(path): \(ArchiveResult.message(archive))") }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// The digest of the uncompressed bytes: a layer's diff_id.
    static func digest(of path: String) throws(ImageStoreError) -> Digest {
        var hasher = Digest.Hasher()
        try DecompressingReader(path: path).forEachBlock { block in hasher.update(block) }
        return hasher.finalize()
    }
}
