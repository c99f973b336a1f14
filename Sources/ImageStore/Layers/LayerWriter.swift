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
        let header = try ArchiveEntry(pathname: entry.path)
        header.setOwner(uid: entry.uid, gid: entry.gid)
        header.setModificationTime(entry.modificationTime)
        let permissions = entry.permissions & 0o7777
        switch entry.kind {
        case .directory:
            header.setMode(FileType.directory | permissions)
        case let .regularFile(content):
            header.setMode(FileType.regular | permissions)
            header.setSize(content.size)
        case let .symlink(target):
            header.setMode(FileType.symlink | 0o777)
            header.setSymlinkTarget(target)
        case let .hardlink(target):
            header.setMode(FileType.regular | permissions)
            header.setHardlinkTarget(target)
        case let .characterDevice(major, minor):
            header.setMode(FileType.characterDevice | permissions)
            header.setDevice(major: major, minor: minor)
        case let .blockDevice(major, minor):
            header.setMode(FileType.blockDevice | permissions)
            header.setDevice(major: major, minor: minor)
        case .fifo:
            header.setMode(FileType.fifo | permissions)
        }
        for (name, value) in entry.extendedAttributes {
            header.addExtendedAttribute(name, value)
        }
        try tar.writeHeader(header)
        if case let .regularFile(content) = entry.kind {
            try writeContent(content, of: entry.path)
        }
        entryCount += 1
    }

    private func writeContent(_ content: LayerEntry.FileContent, of path: String) throws(ImageStoreError) {
        switch content {
        case let .bytes(bytes):
            try tar.writeData(bytes, path: path)
        case let .file(source, size):
            let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard input >= 0 else { throw .system("open", source) }
            defer { close(input) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var remaining = size
            while remaining > 0 {
                let n = read(input, buffer.baseAddress, Int(min(Int64(buffer.count), remaining)))
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { throw .system("read", source) }
                guard n > 0 else {
                    throw ImageStoreError(.system, "\(source) shrank while it was being added to a layer")
                }
                try tar.writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: path)
                remaining -= Int64(n)
            }
        }
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
