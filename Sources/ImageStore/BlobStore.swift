import OCI
#if canImport(Glibc)
import Glibc
#endif

/// The content-addressed blob directory of an OCI image layout: `blobs/sha256/<hex>`.
///
/// A blob's file name is the digest of its bytes, so a blob is written once and never changed:
/// written to a temp file in the same directory, fsynced, then renamed into place. Every read
/// re-hashes the bytes, and a blob that no longer matches its name is reported as corrupt.
package struct BlobStore: Sendable {
    /// `<layout>/blobs/sha256`.
    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// Where the blob with this digest lives.
    package func path(of digest: Digest) -> String {
        directory + "/" + digest.hex
    }

    package func contains(_ digest: Digest) -> Bool {
        FileSystem.exists(path(of: digest))
    }

    /// Stores bytes and returns a descriptor for them.
    @discardableResult
    package func write(_ bytes: [UInt8], mediaType: String) throws(ImageStoreError) -> Descriptor {
        let digest = Digest.sha256(of: bytes)
        let descriptor = Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count))
        if contains(digest) { return descriptor }
        try FileSystem.writeAtomically(bytes, to: path(of: digest), mode: 0o444)
        return descriptor
    }

    /// Moves a finished temp file (already on disk) into place under its digest. A caller that
    /// adopts many blobs at once may leave out the directory's sync and sync it once at the end.
    package func adopt(temporaryFile: String, digest: Digest, syncingDirectory: Bool = true) throws(ImageStoreError) {
        if contains(digest) {
            unlink(temporaryFile)
            return
        }
        chmod(temporaryFile, 0o444)
        try FileSystem.commit(temporaryFile, to: path(of: digest), syncingDirectory: syncingDirectory)
    }

    /// A new temp file path in the blob directory, for writers that stream.
    package func temporaryPath() -> String {
        FileSystem.temporaryPath(besides: directory + "/blob")
    }

    /// Reads a blob and checks that its bytes still hash to its digest.
    package func read(_ digest: Digest) throws(ImageStoreError) -> [UInt8] {
        let path = path(of: digest)
        guard contains(digest) else {
            throw ImageStoreError(.blobNotFound, "blob \(digest) is missing from the image store (\(path))")
        }
        let bytes = try FileSystem.read(path)
        let actual = Digest.sha256(of: bytes)
        guard actual == digest else { throw Self.corrupt(digest, actual: actual, path: path) }
        return bytes
    }

    /// Reads a blob a descriptor points to, checking its size as well as its digest.
    package func read(_ descriptor: Descriptor) throws(ImageStoreError) -> [UInt8] {
        let bytes = try read(descriptor.digest)
        guard Int64(bytes.count) == descriptor.size else {
            throw ImageStoreError(.corruptBlob, "blob \(descriptor.digest) has \(bytes.count) bytes, but its descriptor says \(descriptor.size)")
        }
        return bytes
    }

    static func corrupt(_ digest: Digest, actual: Digest, path: String) -> ImageStoreError {
        ImageStoreError(.corruptBlob, "blob \(digest) is corrupt: its content hashes to \(actual) (\(path))")
    }
}
