import OCI

extension ImageStore {
    /// `rmi`: removes one image by tag, ID or ID prefix, with Docker's rules.
    ///
    /// A tag is untagged; when it was the image's last tag the image itself is deleted, with every
    /// blob and unpacked layer no other image needs. A container's image is refused unless `force`,
    /// and one a *running* container uses is never deleted: forcing only untags it, leaving it
    /// dangling as Docker does (and an image named by ID then cannot be forced at all).
    public func remove(_ text: String, force: Bool, containers: [ContainerUse]) throws -> RemovalReport {
        try withCollectionLock {
            guard let match = try lookup(text) else { throw Self.noSuchImage(text) }
            let image = match.image
            let users = containers.filter { $0.imageID == image.id }
            // Read before the tags go: the index they were pulled from, and its other platforms.
            let kept = try keptIndexBlobs(ofTags: match.tags)
            var report = RemovalReport()
            if let tag = match.matchedTag {
                if !force, match.tags.count == 1, let user = users.first {
                    throw ImageStoreError(.conflict, "conflict: unable to remove repository reference \"\(text)\" (must force) - container \(user.shortID) is using its referenced image \(image.id.shortID)")
                }
                try untag(tag)
                report.untagged.append(tag.description)
                // Other tags still name the image, or a running container still needs it.
                if match.tags.count > 1 || users.contains(where: \.isRunning) { return report }
            } else {
                if !force, match.tags.count > 1 {
                    throw ImageStoreError(.conflict, "conflict: unable to delete \(image.id.shortID) (must be forced) - image is referenced in multiple repositories")
                }
                if let running = users.first(where: \.isRunning) {
                    throw ImageStoreError(.conflict, "conflict: unable to delete \(image.id.shortID) (cannot be forced) - image is being used by running container \(running.shortID)")
                }
                if !force, let stopped = users.first {
                    throw ImageStoreError(.conflict, "conflict: unable to delete \(image.id.shortID) (must be forced) - image is being used by stopped container \(stopped.shortID)")
                }
                for tag in match.tags {
                    try untag(tag)
                    report.untagged.append(tag.description)
                }
            }
            report.merge(try delete(image, containers: containers, alsoSweeping: kept))
            return report
        }
    }

    /// The blobs a kept source index brings (the index, and each platform's manifest, config and
    /// layers the store has): candidates for the sweep once no tag keeps the index.
    private func keptIndexBlobs(ofTags tags: [ImageReference]) throws -> [Digest] {
        var digests: [Digest] = []
        for tag in tags {
            guard let name = tag.taggedName, let source = try sourceIndex(ofTag: name) else { continue }
            digests.append(source.descriptor.digest)
            let index = try CanonicalJSON.decode(ImageIndex.self, from: source.bytes, what: "index \(source.descriptor.digest)")
            for entry in index.manifests where blobs.contains(entry.digest) {
                digests.append(entry.digest)
                guard let manifest = try? CanonicalJSON.decode(ImageManifest.self, from: blobs.read(entry.digest), what: "manifest") else { continue }
                digests += [manifest.config.digest] + manifest.layers.map(\.digest)
            }
        }
        return digests
    }

    /// Drops the image's untagged index entries, then its manifest, config, layer blobs and
    /// unpacked layers, except what another image or a container still uses.
    private func delete(_ image: StoredImage, containers: [ContainerUse], alsoSweeping kept: [Digest] = []) throws -> RemovalReport {
        let manifests = Set(try images().filter { $0.id == image.id }.map(\.manifestDigest) + [image.manifestDigest])
        try updateIndex { index in
            index.manifests.removeAll { $0.annotations?[AnnotationKey.refName] == nil && manifests.contains($0.digest) }
        }
        let live = try liveSet(containers: containers)
        let layerBlobs = image.manifest.layers.map(\.digest)
        let swept = sweep(blobs: Array(manifests) + [image.id] + layerBlobs + compressedCopies(of: layerBlobs) + kept,
                          layers: image.config.rootfs.diffIDs.map(\.hex), keeping: live)
        var report = RemovalReport()
        report.reclaimedBytes = swept.bytes
        if swept.blobs.contains(image.id) || !live.blobs.contains(image.id) { report.deleted.append(image.id) }
        for (layer, diffID) in zip(layerBlobs, image.config.rootfs.diffIDs)
        where swept.blobs.contains(layer) || swept.layers.contains(diffID.hex) {
            if !report.deleted.contains(diffID) { report.deleted.append(diffID) }
        }
        return report
    }

    /// Docker's `No such image: busybox:latest` (the tag spelled out), or the ID as typed.
    public static func noSuchImage(_ text: String) -> ImageStoreError {
        let shown = fullID(text)?.string ?? (try? ImageReference(parsing: text))?.description ?? text
        return ImageStoreError(.imageNotFound, "No such image: \(shown)")
    }
}
