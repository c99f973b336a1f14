import CArchive
import HostSystem
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// libarchive's reader over a layer blob, plain tar or gzip-compressed (libarchive detects which).
/// It hashes the compressed bytes as it reads them, so `verify()` can check the blob's digest
/// in the same pass that unpacks it.
///
/// Opened with `uncompressedStreamOf:`, it reads the blob through a `DecompressingReader` and
/// hashes the bytes *after* decompression instead: one pass then both checks every entry and
/// gives the layer's diff_id (`diffID()`), where a second decompression used to.
final class TarReader {
    private let archive: OpaquePointer
    private let source: Source
    /// What is being read, for error messages: "layer" or "archive".
    private let what: String

    /// The file being read and the running hash of every byte read from it.
    final class Source {
        let fd: Int32
        /// Set when the tar stream is the blob's decompressed bytes (then `fd` is -1).
        let decompressor: DecompressingReader?
        let path: String
        let buffer: UnsafeMutableRawBufferPointer
        var hasher = Digest.Hasher()
        /// False when the digest is known already (a plain tar layer whose blob was hashed as it
        /// was written): then no byte is hashed a second time.
        let hashes: Bool
        var size: Int64 = 0
        var failure: ImageStoreError?

        init(fd: Int32, path: String, decompressor: DecompressingReader? = nil, hashes: Bool = true) {
            self.fd = fd
            self.decompressor = decompressor
            self.path = path
            self.hashes = hashes
            self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        }

        deinit {
            buffer.deallocate()
            if fd >= 0 { close(fd) }
        }

        func read() -> Int {
            if let decompressor {
                do throws(ImageStoreError) {
                    let n = try decompressor.read(into: buffer)
                    if hashes { hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
                    size += Int64(n)
                    return n
                } catch {
                    failure = error
                    return -1
                }
            }
            do throws(SystemCallError) {
                let n = try FileDescriptor(rawValue: fd).read(into: buffer, path: path)
                if hashes { hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
                size += Int64(n)
                return n
            } catch {
                failure = ImageStoreError(error)
                return -1
            }
        }
    }

    /// One entry's header as libarchive parsed it; valid until the next call to `next()`.
    struct Entry {
        let pointer: OpaquePointer

        var pathname: String { dy_archive_entry_pathname(pointer).map { String(cString: $0) } ?? "" }
        var hardlink: String? { dy_archive_entry_hardlink(pointer).map { String(cString: $0) } }
        var symlink: String? { dy_archive_entry_symlink(pointer).map { String(cString: $0) } }
        var fileType: UInt32 { UInt32(dy_archive_entry_filetype(pointer)) }
        var permissions: UInt32 { UInt32(dy_archive_entry_perm(pointer)) & 0o7777 }
        var size: Int64 { dy_archive_entry_size(pointer) }
        var uid: Int64 { dy_archive_entry_uid(pointer) }
        var gid: Int64 { dy_archive_entry_gid(pointer) }
        var modificationTime: timespec {
            timespec(tv_sec: dy_archive_entry_mtime(pointer), tv_nsec: dy_archive_entry_mtime_nsec(pointer))
        }
        var deviceMajor: UInt32 { UInt32(dy_archive_entry_rdevmajor(pointer)) }
        var deviceMinor: UInt32 { UInt32(dy_archive_entry_rdevminor(pointer)) }

        /// The entry's extended attributes, e.g. `security.capability`.
        var extendedAttributes: [(name: String, value: [UInt8])] {
            var result: [(String, [UInt8])] = []
            dy_archive_entry_xattr_reset(pointer)
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            while dy_archive_entry_xattr_next(pointer, &name, &value, &size) == ARCHIVE_OK {
                guard let name else { continue }
                let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                result.append((String(cString: name), bytes))
            }
            return result
        }
    }

    convenience init(path: String, what: String = "layer", hashing: Bool = true) throws(ImageStoreError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open", path) }
        try self.init(source: Source(fd: fd, path: path, hashes: hashing), what: what)
    }

    /// A reader over the blob's decompressed bytes (gzip, zstd or none), hashing those.
    convenience init(uncompressedStreamOf path: String, what: String = "layer") throws(ImageStoreError) {
        try self.init(source: Source(fd: -1, path: path, decompressor: try DecompressingReader(path: path)), what: what)
    }

    private init(source: Source, what: String) throws(ImageStoreError) {
        self.what = what
        self.source = source
        let path = source.path
        guard let archive = dy_archive_read_new() else {
            throw ArchiveResult.creationFailed("archive_read_new", for: path)
        }
        self.archive = archive
        dy_archive_read_support_filter_gzip(archive)
        dy_archive_read_support_filter_zstd(archive)
        dy_archive_read_support_format_tar(archive)
        dy_archive_read_support_format_empty(archive)
        let context = Unmanaged.passUnretained(source).toOpaque()
        let code = dy_archive_read_open(archive, context, nil, { _, context, buffer in
            guard let context, let buffer else { return -1 }
            let source = Unmanaged<TarReader.Source>.fromOpaque(context).takeUnretainedValue()
            let n = source.read()
            buffer.pointee = UnsafeRawPointer(source.buffer.baseAddress)
            return n
        }, nil)
        if let failure = source.failure { throw failure }
        try ArchiveResult.check(code, archive, "read \(what) \(path)")
    }

    deinit {
        dy_archive_read_free(archive)
    }

    /// The next entry's header, or nil at the end of the tarball.
    func next() throws(ImageStoreError) -> Entry? {
        var entry: OpaquePointer?
        let code = dy_archive_read_next_header(archive, &entry)
        if let failure = source.failure { throw failure }
        if code == ARCHIVE_EOF { return nil }
        try ArchiveResult.check(code, archive, "read \(what) \(source.path)")
        guard let entry else { return nil }
        return Entry(pointer: entry)
    }

    /// The current entry's data, block by block: `body` gets each block and its offset in the file
    /// (offsets jump over holes in sparse files).
    func readData(_ body: (UnsafeRawBufferPointer, Int64) throws(ImageStoreError) -> Void) throws(ImageStoreError) {
        while true {
            var block: UnsafeRawPointer?
            var size = 0
            var offset: Int64 = 0
            let code = dy_archive_read_data_block(archive, &block, &size, &offset)
            if let failure = source.failure { throw failure }
            if code == ARCHIVE_EOF { return }
            try ArchiveResult.check(code, archive, "read \(what) \(source.path)")
            try body(UnsafeRawBufferPointer(start: block, count: size), offset)
        }
    }

    /// After the last entry: reads whatever the tar reader left (padding) and checks the whole
    /// blob against its digest, so a tampered or truncated layer is refused.
    func verify(_ expected: Digest) throws(ImageStoreError) {
        let actual = try digest()
        guard actual == expected else {
            throw BlobStore.corrupt(expected, actual: actual, path: source.path)
        }
    }

    /// After the last entry: the digest of every byte read, to the end. For a reader opened
    /// with `uncompressedStreamOf:`, the layer's diff_id.
    func digest() throws(ImageStoreError) -> Digest {
        while source.read() > 0 {}
        if let failure = source.failure { throw failure }
        return source.hasher.finalize()
    }
}
