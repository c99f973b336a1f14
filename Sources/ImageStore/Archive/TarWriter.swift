import CArchive
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// libarchive's tar writer, owning its `struct archive` and freeing it in `deinit`. It writes a
/// POSIX (pax, restricted) tarball to a file descriptor and hashes every byte as it goes, so a
/// layer's digest is known the moment its last byte is written.
final class TarWriter {
    private let archive: OpaquePointer
    private let sink: Sink
    private var closed = false

    /// Where the bytes go: the file, and the running hash.
    final class Sink {
        let fd: Int32
        let path: String
        var hasher = Digest.Hasher()
        var size: Int64 = 0
        var failure: ImageStoreError?

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        func write(_ bytes: UnsafeRawBufferPointer) -> Int {
            do {
                try FileSystem.writeAll(fd, bytes, path: path)
            } catch {
                failure = error
                return -1
            }
            hasher.update(bytes)
            size += Int64(bytes.count)
            return bytes.count
        }
    }

    init(fd: Int32, path: String) throws(ImageStoreError) {
        guard let archive = dy_archive_write_new() else {
            throw ArchiveResult.creationFailed("archive_write_new", for: path)
        }
        self.archive = archive
        self.sink = Sink(fd: fd, path: path)
        try ArchiveResult.check(dy_archive_write_set_format_pax_restricted(archive), archive, "tar format for \(path)")
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let code = dy_archive_write_open(archive, context, nil, { _, context, buffer, length in
            guard let context, let buffer else { return -1 }
            let sink = Unmanaged<TarWriter.Sink>.fromOpaque(context).takeUnretainedValue()
            return sink.write(UnsafeRawBufferPointer(start: buffer, count: length))
        }, nil)
        try ArchiveResult.check(code, archive, "open tar \(path)")
    }

    deinit {
        dy_archive_write_free(archive)
    }

    /// Writes one entry's header; for a regular file, its data follows with `writeData`.
    func writeHeader(_ entry: ArchiveEntry) throws(ImageStoreError) {
        let code = dy_archive_write_header(archive, entry.pointer)
        if let failure = sink.failure { throw failure }
        try ArchiveResult.check(code, archive, "tar header for \(entry.pathname)")
    }

    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImageStoreError) {
        guard bytes.count > 0 else { return }
        let written = dy_archive_write_data(archive, bytes.baseAddress, bytes.count)
        if let failure = sink.failure { throw failure }
        guard written >= 0 else {
            throw ImageStoreError(.system, "tar data for \(path): \(ArchiveResult.message(archive))")
        }
    }

    func writeData(_ bytes: [UInt8], path: String) throws(ImageStoreError) {
        guard !bytes.isEmpty else { return }
        let written = bytes.withUnsafeBytes { dy_archive_write_data(archive, $0.baseAddress, $0.count) }
        if let failure = sink.failure { throw failure }
        guard written >= 0 else {
            throw ImageStoreError(.system, "tar data for \(path): \(ArchiveResult.message(archive))")
        }
    }

    /// Writes the tar trailer; returns the tarball's digest and size.
    func finish() throws(ImageStoreError) -> (digest: Digest, size: Int64) {
        if !closed {
            closed = true
            let code = dy_archive_write_close(archive)
            if let failure = sink.failure { throw failure }
            try ArchiveResult.check(code, archive, "close tar \(sink.path)")
        }
        return (sink.hasher.finalize(), sink.size)
    }
}
