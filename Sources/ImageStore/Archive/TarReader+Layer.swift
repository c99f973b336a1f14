import OCI

extension TarReader {
    /// A reader over a layer blob's tar stream, for checking and unpacking it in one pass: the
    /// blob itself when it is a plain tar, its decompressed bytes when it is gzip or zstd.
    ///
    /// A layer's diff_id is the digest of its uncompressed tar. For a plain tar that *is* the
    /// blob's digest, which whoever staged the blob computed as it wrote it (archive staging, a
    /// registry download), so those bytes are not hashed a second time; a compressed blob's
    /// diff_id is hashed from the decompressor's output as the entries are read.
    convenience init(layer file: ArchiveStaging.File) throws(ImageStoreError) {
        if file.isCompressed {
            try self.init(uncompressedStreamOf: file.path)
        } else {
            try self.init(path: file.path, hashing: false)
        }
    }

    /// After the last entry: the diff_id of the layer this reader was opened on.
    func diffID(of file: ArchiveStaging.File) throws(ImageStoreError) -> Digest {
        file.isCompressed ? try digest() : file.digest
    }
}
