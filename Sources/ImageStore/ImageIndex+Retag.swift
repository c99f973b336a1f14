import OCI

extension ImageIndex {
    /// Makes room for the tag `name` to name `newManifest` (the caller then appends that entry).
    ///
    /// The image the tag leaves is not forgotten: as in Docker, it stays as a dangling image
    /// (`<none>:<none>` in `images`, until `image prune` or `rmi`), unless another entry still
    /// names the same manifest; dropping its entry would hide its blobs until a prune. And an
    /// untagged entry for `newManifest` goes, since the image is about to have a name.
    mutating func releaseTag(_ name: String, for newManifest: Digest) {
        manifests.removeAll { $0.digest == newManifest && $0.annotations?[AnnotationKey.refName] == nil }
        guard let old = manifests.firstIndex(where: { $0.annotations?[AnnotationKey.refName] == name }) else { return }
        let previous = manifests.remove(at: old)
        guard previous.digest != newManifest, !manifests.contains(where: { $0.digest == previous.digest }) else { return }
        var dangling = previous
        dangling.annotations = nil
        manifests.append(dangling)
    }
}
