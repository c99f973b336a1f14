import OCI

extension ImageStore {
    /// `image prune`: deletes dangling images (untagged, or no longer in index.json because their
    /// tag moved on) and every blob or unpacked layer nothing references. With `all`, every image
    /// no container uses goes too. Images a container uses are never touched.
    public func prune(all: Bool, containers: [ContainerUse]) throws -> RemovalReport {
        try withCollectionLock {
            let used = Set(containers.compactMap(\.imageID))
            var report = RemovalReport()
            var droppedTags = Set<String>()
            var droppedDangling = Set<Digest>()
            for image in try images() where !used.contains(image.id) {
                if let name = image.reference?.taggedName {
                    guard all else { continue }
                    droppedTags.insert(name)
                    report.untagged.append(name)
                } else {
                    droppedDangling.insert(image.manifestDigest)
                }
            }
            try updateIndex { index in
                index.manifests.removeAll { entry in
                    guard let name = entry.annotations?[AnnotationKey.refName] else { return droppedDangling.contains(entry.digest) }
                    return droppedTags.contains(name)
                }
            }
            let live = try liveSet(containers: containers)
            let stored = storedContent()
            let garbage = stored.blobs.filter { !live.blobs.contains($0) }
            let images = describeImages(among: garbage)
            let swept = sweep(blobs: garbage, layers: stored.layers, keeping: live)
            report.reclaimedBytes = swept.bytes
            for (id, _) in images where swept.blobs.contains(id) { report.deleted.append(id) }
            for (_, diffIDs) in images {
                for diffID in diffIDs where swept.layers.contains(diffID.hex) && !report.deleted.contains(diffID) {
                    report.deleted.append(diffID)
                }
            }
            for name in swept.layers {
                if let digest = try? Digest(sha256Hex: name), !report.deleted.contains(digest) { report.deleted.append(digest) }
            }
            return report
        }
    }

    /// The images (ID and layer diff_ids) whose manifests are among these blobs, so a prune can
    /// say which images it deleted and not just which files. Large blobs are layers: skipped.
    private func describeImages(among digests: [Digest]) -> [(id: Digest, diffIDs: [Digest])] {
        var result: [(Digest, [Digest])] = []
        for digest in digests where Self.treeSize(blobs.path(of: digest)) < 4 << 20 {
            guard let bytes = try? blobs.read(digest), bytes.first == UInt8(ascii: "{"),
                  let manifest = try? CanonicalJSON.decode(ImageManifest.self, from: bytes, what: "blob \(digest)"),
                  manifest.schemaVersion == 2,
                  let configBytes = try? blobs.read(manifest.config.digest),
                  let config = try? CanonicalJSON.decode(ImageConfiguration.self, from: configBytes, what: "config")
            else { continue }
            result.append((manifest.config.digest, config.rootfs.diffIDs))
        }
        return result
    }
}
