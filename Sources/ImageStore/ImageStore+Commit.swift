import OCI

extension ImageStore {
    /// Stores a finished image and points its tags at it in one step: config and manifest blobs
    /// first, then index.json rewritten under the lock. A reader sees the old tag or the new image,
    /// never a tag to a half-written one. Layers must already be in the store (`writeLayer`).
    @discardableResult
    public func commit(config: ImageConfiguration, layers: [Descriptor], tags: [ImageReference],
                       annotations: [String: String]? = nil) throws -> StoredImage {
        for layer in layers where !blobs.contains(layer.digest) {
            throw ImageStoreError(.blobNotFound, "cannot commit an image: layer \(layer.digest) is not in the store")
        }
        guard config.rootfs.diffIDs.count == layers.count else {
            throw ImageStoreError(.invalidImage, "cannot commit an image with \(layers.count) layers and \(config.rootfs.diffIDs.count) diff_ids")
        }
        let configDescriptor = try blobs.write(CanonicalJSON.encode(config), mediaType: MediaType.imageConfig)
        let manifest = ImageManifest(config: configDescriptor, layers: layers, annotations: annotations)
        let manifestDescriptor = try blobs.write(CanonicalJSON.encode(manifest), mediaType: MediaType.imageManifest)
        let platform = Platform(architecture: config.architecture, os: config.os, variant: config.variant)
        try updateIndex { index in
            for tag in tags {
                try Self.point(tag, at: manifestDescriptor, platform: platform, in: &index)
            }
        }
        return StoredImage(reference: tags.first, manifestDigest: manifestDescriptor.digest, manifest: manifest, config: config)
    }

    /// Points another tag at an image already in the store (`dockyard tag`). Where the image came
    /// from (the repository it was pulled from, the index it was chosen from) goes with it, so the
    /// new name pushes the same blobs; where registries hold it (its repo digests) does not.
    public func tag(_ image: StoredImage, as reference: ImageReference) throws {
        let descriptor = Descriptor(mediaType: image.manifest.mediaType ?? MediaType.imageManifest, digest: image.manifestDigest,
                                    size: Int64(try blobs.read(image.manifestDigest).count))
        let platform = Platform(architecture: image.config.architecture, os: image.config.os, variant: image.config.variant)
        try updateIndex { index in
            let source = index.manifests.first { entry in
                entry.digest == image.manifestDigest
                    && (image.reference == nil || entry.annotations?[AnnotationKey.refName] == image.reference?.taggedName)
            }
            try Self.point(reference, at: descriptor, platform: platform, in: &index)
            let provenance = [AnnotationKey.pulledFrom, AnnotationKey.sourceIndex]
            if let last = index.manifests.indices.last {
                for key in provenance { index.manifests[last].annotations?[key] = source?.annotations?[key] }
            }
        }
    }

    /// Removes a tag; the blobs stay until a prune. Returns false when there was no such tag.
    @discardableResult
    public func untag(_ reference: ImageReference) throws -> Bool {
        guard let name = reference.taggedName else { return false }
        var removed = false
        try updateIndex { index in
            let before = index.manifests.count
            index.manifests.removeAll { $0.annotations?[AnnotationKey.refName] == name }
            removed = index.manifests.count != before
        }
        return removed
    }

    private static func point(_ reference: ImageReference, at manifest: Descriptor, platform: Platform,
                              in index: inout ImageIndex) throws {
        guard let name = reference.taggedName else {
            throw ImageStoreError(.invalidImage, "cannot tag an image as \(reference): a tag is needed")
        }
        index.releaseTag(name, for: manifest.digest)
        var entry = manifest
        entry.annotations = [AnnotationKey.refName: name]
        entry.platform = platform
        index.manifests.append(entry)
    }
}
