import Explain
import HostSystem
import ImageStore
import OCI
import Synchronization

/// `dockyard push`: an image travels from the store to a registry.
///
///     each layer (compressed once if Dockyard wrote it) → HEAD: there already? → mount from
///     another repository of the same registry? → else POST + one PUT, 5 at a time
///     → the config the same way → the manifest, PUT under the tag, last
///
/// The manifest goes last because a registry refuses one whose blobs it lacks; a pulled image
/// whose layers are unchanged is pushed with its own manifest bytes, so its digest stays.
public struct ImagePusher: Sendable {
    public let transfer: RegistryTransfer
    var store: ImageStore { transfer.store }
    var events: any EventSink { transfer.events }
    var progress: PullProgress { transfer.progress }

    public init(_ transfer: RegistryTransfer) {
        self.transfer = transfer
    }

    public struct Outcome: Sendable {
        public let digest: Digest
        public let size: Int
    }

    /// Pushes the image tagged `reference` to the repository its name says.
    public func push(_ reference: ImageReference) throws -> Outcome {
        guard let tag = reference.tag, reference.digest == nil else {
            throw RegistryError(.unsupported, "push needs a tag, not a digest: \(reference)")
        }
        guard let image = try store.image(reference) else {
            throw RegistryError(.notFound, "An image does not exist locally with the tag: \(reference.name)")
        }
        let repository = reference.repository
        let client = try transfer.client(for: reference)

        if let name = reference.taggedName, try store.sourceIndex(ofTag: name) != nil {
            if let (source, images) = try store.completeSourceIndex(ofTag: name) {
                return try pushIndex(source, images: images, to: reference, tag: tag, client: client)
            }
            events.emit(Event(.note("\(name) was pulled from a multi-platform index whose other platforms are not in the store (pull --all-platforms keeps them): pushing \(image.config.os)/\(image.config.architecture)'s manifest alone")))
        }
        for layer in image.manifest.layers { progress.update(layer.digest.shortID, .preparing) }
        let pulled = try store.pulledLayerDigests()
        let sources = try mountSources(registry: reference.registry, excluding: repository, pulled: pulled)
        try client.ping()
        let layers = try uploadLayers(image.manifest.layers, repository: repository, sources: sources, pulled: pulled, client: client)
        _ = try client.upload(image.manifest.config, from: store.blobPath(image.manifest.config.digest),
                              repository: repository, mountFrom: sources[image.manifest.config.digest])

        let (bytes, mediaType) = try manifest(of: image, layers: layers)
        let digest = try client.putManifest(bytes, mediaType: mediaType, repository: repository, tag: tag)
        events.emit(Event(.contentVerified(what: "manifest", digest: digest.string, mediaType: mediaType, size: Int64(bytes.count))))
        if let name = reference.taggedName {
            try store.addRepoDigest(reference.pinned(to: digest).description, toImageTagged: name)
        }
        return Outcome(digest: digest, size: bytes.count)
    }

    /// The layers, 5 at a time (Docker's number), each compressed first if Dockyard wrote it
    /// (on the same thread, so layers compress side by side) and sent as it is if a registry
    /// served it (`pulled`); each line shows the stored digest.
    /// Returns the layers as pushed.
    private func uploadLayers(_ stored: [Descriptor], repository: String, sources: [Digest: String],
                              pulled: Set<Digest>, client: RegistryClient) throws -> [Descriptor] {
        let failures = Mutex<[Int: any Error]>([:])
        let pushed = Mutex<[Int: Descriptor]>([:])
        let store = self.store, progress = self.progress
        ParallelWork.run(count: stored.count, width: 5) { i in
            let id = stored[i].digest.shortID
            do {
                let layer = try store.compressedForPush(stored[i], asIs: pulled)
                pushed.withLock { $0[i] = layer }
                progress.update(id, .pushing(0, layer.size))
                let outcome = try client.upload(layer, from: store.blobPath(layer.digest), repository: repository,
                                                mountFrom: sources[layer.digest]) { done in
                    progress.update(id, .pushing(done, layer.size))
                }
                switch outcome {
                case .exists: progress.update(id, .layerExists)
                case let .mounted(source): progress.update(id, .mounted(from: source))
                case .uploaded: progress.update(id, .pushed)
                }
            } catch {
                failures.withLock { $0[i] = error }
            }
        }
        if let first = failures.withLock({ $0.sorted { $0.key < $1.key }.first?.value }) { throw first }
        return pushed.withLock { done in stored.indices.map { done[$0]! } }
    }

    /// The stored manifest's own bytes when every layer goes as stored; a new manifest naming the
    /// compressed layers otherwise, of the stored one's kind (a Docker schema 2 manifest pulled
    /// from containerd or Docker stays one), with the config and every layer named in that kind's
    /// media types: a compressed layer is OCI's tar+gzip, and an image built FROM a Docker-typed
    /// base mixes the two families, which umoci refuses.
    private func manifest(of image: StoredImage, layers: [Descriptor]) throws -> ([UInt8], String) {
        let mediaType = image.manifest.mediaType ?? MediaType.imageManifest
        if layers == image.manifest.layers {
            return (try store.blobBytes(image.manifestDigest), mediaType)
        }
        func inFamily(_ descriptor: Descriptor) -> Descriptor {
            var renamed = descriptor
            renamed.mediaType = MediaType.named(descriptor.mediaType, inFamilyOf: mediaType)
            return renamed
        }
        var manifest = ImageManifest(config: inFamily(image.manifest.config), layers: layers.map(inFamily),
                                     annotations: mediaType == MediaType.dockerManifest ? nil : image.manifest.annotations)
        manifest.mediaType = mediaType
        return (try CanonicalJSON.encode(manifest), mediaType)
    }

    /// For each blob some image in the store was pulled with or pushed to, a repository of the
    /// same registry that holds it: a push may then ask the registry to mount it from there.
    private func mountSources(registry: String, excluding repository: String, pulled: Set<Digest>) throws -> [Digest: String] {
        var sources: [Digest: String] = [:]
        for image in try store.images() {
            for repoDigest in image.repoDigests {
                guard let at = repoDigest.firstIndex(of: "@"),
                      let source = try? ImageReference(parsing: String(repoDigest[..<at])),
                      source.registry == registry, source.repository != repository else { continue }
                for layer in image.manifest.layers { sources[layer.digest] = source.repository }
                if let compressed = try? image.manifest.layers.map({ try store.compressedForPush($0, asIs: pulled) }) {
                    for layer in compressed { sources[layer.digest] = source.repository }
                }
                sources[image.manifest.config.digest] = source.repository
            }
        }
        return sources
    }

    /// Sends a kept index on as it was pulled: each platform's blobs (as the registry served
    /// them) and manifest by digest, then the index itself under the tag, byte for byte, so the
    /// name keeps its digest.
    private func pushIndex(_ source: FetchedIndex, images: [ImageStore.IndexedImage],
                           to reference: ImageReference, tag: String, client: RegistryClient) throws -> Outcome {
        let repository = reference.repository
        try client.ping()
        for image in images {
            for blob in image.manifest.layers + [image.manifest.config] {
                let id = blob.digest.shortID
                let outcome = try client.upload(blob, from: store.blobPath(blob.digest), repository: repository, mountFrom: nil) { done in
                    self.progress.update(id, .pushing(done, blob.size))
                }
                progress.update(id, outcome == .exists ? .layerExists : .pushed)
            }
            _ = try client.putManifest(image.bytes, mediaType: image.entry.mediaType, repository: repository, tag: image.entry.digest.string)
        }
        let digest = try client.putManifest(source.bytes, mediaType: source.descriptor.mediaType, repository: repository, tag: tag)
        events.emit(Event(.contentVerified(what: "index", digest: digest.string, mediaType: source.descriptor.mediaType, size: Int64(source.bytes.count))))
        if let name = reference.taggedName {
            try store.addRepoDigest(reference.pinned(to: digest).description, toImageTagged: name)
        }
        return Outcome(digest: digest, size: source.bytes.count)
    }
}
