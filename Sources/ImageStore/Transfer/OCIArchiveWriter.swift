import OCI

/// Writes images as an OCI image layout inside a tar: the format `skopeo`, `umoci` and
/// `docker load` (25 and later) read. Blobs are copied as stored, so manifest digests survive.
struct OCIArchiveWriter {
    let store: ImageStore
    let writer: TarWriter

    func write(_ images: [ExportRequest]) throws {
        try writer.addFile("oci-layout", bytes: CanonicalJSON.encode(ImageLayoutMarker()), modificationTime: 0)
        try writer.addDirectory("blobs", modificationTime: 0)
        try writer.addDirectory("blobs/sha256", modificationTime: 0)
        var written = Set<Digest>()
        var index = ImageIndex()
        for request in images {
            if try writeKeptIndex(of: request, into: &index, written: &written) { continue }
            let image = request.image
            let blobs = [image.manifestDigest, image.manifest.config.digest] + image.manifest.layers.map(\.digest)
            for digest in blobs where written.insert(digest).inserted {
                try store.archiveBlob(digest, as: "blobs/sha256/" + digest.hex, into: writer)
            }
            let manifestSize = Int64(ImageStore.treeSize(store.blobs.path(of: image.manifestDigest)))
            let entry = Descriptor(mediaType: image.manifest.mediaType ?? MediaType.imageManifest,
                                   digest: image.manifestDigest, size: manifestSize,
                                   platform: Platform(architecture: image.config.architecture, os: image.config.os,
                                                      variant: image.config.variant))
            if request.tags.isEmpty { index.manifests.append(entry) }
            for tag in request.tags {
                var tagged = entry
                tagged.annotations = [AnnotationKey.refName: tag.taggedName ?? tag.description]
                tagged.annotations?[ArchiveAnnotation.containerdName] = tag.qualifiedName
                index.manifests.append(tagged)
            }
        }
        try writer.addFile("index.json", bytes: CanonicalJSON.encode(index), modificationTime: 0)
    }

    /// A tag pulled with `--all-platforms` is written as the index it came from, with every
    /// platform's blobs, so the archive names what the registry named; false when there is none.
    private func writeKeptIndex(of request: ExportRequest, into index: inout ImageIndex, written: inout Set<Digest>) throws -> Bool {
        guard request.tags.count == 1, let tag = request.tags.first, let name = tag.taggedName,
              let (source, images) = try store.completeSourceIndex(ofTag: name) else { return false }
        let digests = [source.descriptor.digest] + images.flatMap { image in
            [image.entry.digest, image.manifest.config.digest] + image.manifest.layers.map(\.digest)
        }
        for digest in digests where written.insert(digest).inserted {
            try store.archiveBlob(digest, as: "blobs/sha256/" + digest.hex, into: writer)
        }
        var entry = source.descriptor
        entry.annotations = [AnnotationKey.refName: name]
        entry.annotations?[ArchiveAnnotation.containerdName] = tag.qualifiedName
        index.manifests.append(entry)
        return true
    }
}
