import OCI
#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// `save`: writes images as one tar to `fd`, as a docker-archive or an OCI layout.
    ///
    /// Every blob is re-hashed as it is copied, so a corrupt store is never exported silently.
    /// Entries carry time 0 and owner root, so the same images always give the same bytes.
    public func save(_ requests: [ExportRequest], format: ArchiveFormat, to fd: Int32, label: String) throws {
        var images: [ExportRequest] = []
        for request in requests {
            if let index = images.firstIndex(where: { $0.image.id == request.image.id }) {
                let tags = images[index].tags + request.tags.filter { !images[index].tags.contains($0) }
                images[index] = ExportRequest(image: images[index].image, tags: tags)
            } else {
                images.append(request)
            }
        }
        let writer = try TarWriter(fd: fd, path: label)
        switch format {
        case .docker: try DockerArchiveWriter(store: self, writer: writer).write(images)
        case .oci: try OCIArchiveWriter(store: self, writer: writer).write(images)
        }
        _ = try writer.finish()
    }

    /// Copies a blob into the archive and checks it against its digest on the way.
    func archiveBlob(_ digest: Digest, as name: String, into writer: TarWriter) throws {
        let written = try writer.addFile(name, from: blobs.path(of: digest), modificationTime: 0)
        guard written == digest else { throw BlobStore.corrupt(digest, actual: written, path: blobs.path(of: digest)) }
    }
}
