import CArchive
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// A layer as a registry should get it: gzip-compressed, as Docker pushes layers.
    ///
    /// Dockyard writes layers uncompressed (hashing is 40× faster than gzip, and a run never
    /// needs the compressed form); a pulled layer is already compressed and goes back as it
    /// came, so pushing an unchanged pulled image re-uses its digests. An uncompressed layer is
    /// compressed once, deterministically (no timestamp or name in the gzip header, zlib's
    /// default level), kept as a blob beside it, and remembered in `compressed/<tar hex>`, so the
    /// same layer always gets the same compressed digest.
    /// `asIs` names layers a registry served (an uncompressed layer pulled stays uncompressed,
    /// as Docker pushes a pulled layer by the digest it was pulled by).
    public func compressedForPush(_ layer: Descriptor, asIs: Set<Digest> = []) throws -> Descriptor {
        guard layer.mediaType == MediaType.layerTar || layer.mediaType == "application/vnd.docker.image.rootfs.diff.tar",
              !asIs.contains(layer.digest) else {
            return layer
        }
        let directory = layoutPath + "/compressed"
        let record = directory + "/" + layer.digest.hex
        if let text = try? FileSystem.read(record), let digest = try? Digest(parsing: String(decoding: text, as: UTF8.self)),
           blobs.contains(digest) {
            var info = stat()
            if stat(blobs.path(of: digest), &info) == 0 {
                return Descriptor(mediaType: MediaType.layerTarGzip, digest: digest, size: Int64(info.st_size))
            }
        }
        let compressed = try withWriteLease { try gzip(layer) }
        try FileSystem.makeDirectories(directory)
        try FileSystem.writeAtomically(Array(compressed.digest.string.utf8), to: record)
        return compressed
    }

    /// Compresses one layer blob through libarchive's gzip filter and "raw" format (bytes, no tar).
    private func gzip(_ layer: Descriptor) throws -> Descriptor {
        let temporary = blobs.temporaryPath()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ImageStoreError.system("open", temporary) }
        var adopted = false
        defer {
            close(fd)
            if !adopted { unlink(temporary) }
        }
        guard let archive = dy_archive_write_new() else { throw ArchiveResult.creationFailed("archive_write_new", for: temporary) }
        defer { dy_archive_write_free(archive) }
        let sink = TarWriter.Sink(fd: fd, path: temporary)
        try ArchiveResult.check(dy_archive_write_set_format_raw(archive), archive, "raw format for \(temporary)")
        try ArchiveResult.check(dy_archive_write_add_filter_gzip(archive), archive, "gzip for \(temporary)")
        // A NULL value turns the option off: no modification time in the header, so the same
        // bytes in give the same bytes out.
        try ArchiveResult.check(dy_archive_write_set_filter_option(archive, "gzip", "timestamp", nil), archive, "gzip timestamp")
        // No blocking: libarchive would otherwise pad the output with zeros to 10240 bytes.
        try ArchiveResult.check(dy_archive_write_set_bytes_per_block(archive, 0), archive, "block size")
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try ArchiveResult.check(dy_archive_write_open(archive, context, nil, { _, context, buffer, length in
            guard let context, let buffer else { return -1 }
            return Unmanaged<TarWriter.Sink>.fromOpaque(context).takeUnretainedValue()
                .write(UnsafeRawBufferPointer(start: buffer, count: length))
        }, nil), archive, "open \(temporary)")
        let entry = try ArchiveEntry(pathname: "layer.tar")
        entry.setMode(FileType.regular | 0o644)
        entry.setSize(layer.size)
        try ArchiveResult.check(dy_archive_write_header(archive, entry.pointer), archive, "gzip header for \(layer.digest)")

        let source = open(blobs.path(of: layer.digest), O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw ImageStoreError.system("open", blobs.path(of: layer.digest)) }
        defer { close(source) }
        var hasher = Digest.Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(source, buffer.baseAddress, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw ImageStoreError.system("read", blobs.path(of: layer.digest)) }
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            hasher.update(chunk)
            guard dy_archive_write_data(archive, chunk.baseAddress, n) == n else {
                if let failure = sink.failure { throw failure }
                throw ImageStoreError(.system, "gzip \(layer.digest): \(ArchiveResult.message(archive))")
            }
        }
        try ArchiveResult.check(dy_archive_write_close(archive), archive, "close \(temporary)")
        if let failure = sink.failure { throw failure }
        guard hasher.finalize() == layer.digest else {
            throw BlobStore.corrupt(layer.digest, actual: hasher.finalize(), path: blobs.path(of: layer.digest))
        }
        guard fsync(fd) == 0 else { throw ImageStoreError.system("fsync", temporary) }
        let digest = sink.hasher.finalize()
        try blobs.adopt(temporaryFile: temporary, digest: digest)
        adopted = true
        return Descriptor(mediaType: MediaType.layerTarGzip, digest: digest, size: sink.size)
    }

    /// A blob's path, for a push that streams it from the store.
    public func blobPath(_ digest: Digest) -> String {
        blobs.path(of: digest)
    }

    /// A blob's bytes, checked against its digest (a manifest being pushed).
    public func blobBytes(_ digest: Digest) throws -> [UInt8] {
        try blobs.read(digest)
    }
}
