import Explain
import OCI

extension ImageStore {
    /// The image a reference names, or nil when the store has no such tag (or digest).
    /// Blobs are verified as they are read: a corrupt one is an error naming its digest.
    public func image(_ reference: ImageReference) throws -> StoredImage? {
        for entry in try readIndex().manifests where Self.entry(entry, matches: reference) {
            return try load(entry, as: reference)
        }
        return nil
    }

    /// Like `image(_:)`, but an absent `busybox:latest` is made from the host's busybox-static,
    /// and any other absent image is an error with Docker's message
    /// (`Unable to find image 'x:latest' locally`, which the CLI turns into exit status 125).
    public func resolve(_ reference: ImageReference, events: any EventSink) throws -> StoredImage {
        if let image = try image(reference) { return image }
        if Self.isMadeOffline(reference) {
            return try ensureBusybox(events: events)
        }
        throw ImageStoreError(.imageNotFound, "Unable to find image '\(reference)' locally")
    }

    /// `busybox:latest`, which the store makes from the host's busybox-static rather than pulls.
    public static func isMadeOffline(_ reference: ImageReference) -> Bool {
        reference.name == BusyboxBase.name && reference.tag == ImageReference.defaultTag && reference.digest == nil
    }

    /// Parses `text` as a reference and resolves it.
    public func resolve(_ text: String, events: any EventSink) throws -> StoredImage {
        try resolve(ImageReference(parsing: text), events: events)
    }

    /// Every tagged image (one per tag, as `docker images` lists them), newest first.
    public func images() throws -> [StoredImage] {
        var result: [StoredImage] = []
        for entry in try readIndex().manifests {
            let reference = try entry.annotations?[AnnotationKey.refName].map { try ImageReference(parsing: $0) }
            result.append(try load(entry, as: reference))
        }
        return result.sorted { lhs, rhs in
            let l = lhs.config.createdSeconds ?? 0, r = rhs.config.createdSeconds ?? 0
            return l == r ? lhs.displayName < rhs.displayName : l > r
        }
    }

    /// Reads a manifest (picking this machine's platform from an index) and its config.
    func load(_ entry: Descriptor, as reference: ImageReference?) throws -> StoredImage {
        var descriptor = entry
        if descriptor.mediaType == MediaType.imageIndex || descriptor.mediaType == MediaType.dockerManifestList {
            let index = try CanonicalJSON.decode(ImageIndex.self, from: blobs.read(descriptor), what: "index \(descriptor.digest)")
            let host = Platform.host
            guard let chosen = index.manifests.first(where: { $0.platform?.architecture == host.architecture && $0.platform?.os == host.os }) else {
                throw ImageStoreError(.invalidImage, "image \(reference?.description ?? descriptor.digest.string) has no manifest for \(host.os)/\(host.architecture)")
            }
            descriptor = chosen
        }
        let manifest = try CanonicalJSON.decode(ImageManifest.self, from: blobs.read(descriptor), what: "manifest \(descriptor.digest)")
        let config = try CanonicalJSON.decode(ImageConfiguration.self, from: blobs.read(manifest.config), what: "config \(manifest.config.digest)")
        guard config.rootfs.diffIDs.count == manifest.layers.count else {
            throw ImageStoreError(.invalidImage, "image \(reference?.description ?? descriptor.digest.string): the manifest lists \(manifest.layers.count) layers but the config \(config.rootfs.diffIDs.count) diff_ids")
        }
        var image = StoredImage(reference: reference, manifestDigest: descriptor.digest, manifest: manifest, config: config)
        image.repoDigests = (entry.annotations?[AnnotationKey.repoDigests] ?? "").split(separator: " ").map(String.init)
        return image
    }

    static func entry(_ entry: Descriptor, matches reference: ImageReference) -> Bool {
        if let digest = reference.digest, entry.digest != digest { return false }
        guard let tagged = reference.taggedName else { return true }
        return entry.annotations?[AnnotationKey.refName] == tagged
    }
}
