import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Writes one layer: a deterministic, uncompressed tarball streamed into the blob store.
///
/// The same entries in the same order always give the same bytes (numeric owners, whole-second
/// times, no user names, no access times), hence the same digest. The layer is stored as plain
/// tar (`application/vnd.oci.image.layer.v1.tar`), so its digest is also its diffID.
package final class LayerWriter {
    private let blobs: BlobStore
    private let temporaryPath: String
    private let fd: Int32
    private let tar: TarWriter
    private var finished = false
    private(set) var entryCount = 0

    package init(blobs: BlobStore) throws(ImageStoreError) {
        self.blobs = blobs
        temporaryPath = blobs.temporaryPath()
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("open", temporaryPath) }
        do {
            tar = try TarWriter(fd: fd, path: temporaryPath)
        } catch {
            close(fd)
            unlink(temporaryPath)
            throw error
        }
    }

    deinit {
        if !finished {
            close(fd)
            unlink(temporaryPath)
        }
    }

    /// Appends one entry. Callers add entries in a fixed order (parents before children, names sorted).
    package func add(_ entry: LayerEntry) throws(ImageStoreError) {
        try tar.write(entry)
        entryCount += 1
    }

    /// Closes the tarball, moves it into the blob store and returns its descriptor and diffID.
    package func finish() throws(ImageStoreError) -> WrittenLayer {
        let (digest, size) = try tar.finish()
        guard fsync(fd) == 0 else { throw .system("fsync", temporaryPath) }
        close(fd)
        finished = true
        try blobs.adopt(temporaryFile: temporaryPath, digest: digest)
        return WrittenLayer(
            descriptor: Descriptor(mediaType: MediaType.layerTar, digest: digest, size: size),
            diffID: digest, entryCount: entryCount)
    }
}

/// A layer just written to the store: the descriptor for the manifest, the diffID for the config.
public struct WrittenLayer: Sendable, Hashable {
    public let descriptor: Descriptor
    /// The digest of the uncompressed tarball; equal to `descriptor.digest` for Dockyard's plain-tar layers.
    public let diffID: Digest
    /// How many tar entries the layer holds.
    public let entryCount: Int
}
