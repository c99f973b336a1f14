import Explain
import HostSystem
import ImageStore
import OCI
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard pull`: an image travels from a registry into the store, as data.
///
///     manifest (or index → the platform's manifest) → config → layers, 3 at a time
///     → each checked (size, digest) → the layers read entry by entry (the same validator as
///     `load`) and their diff_ids checked against the config → blobs renamed into place → tag
///
/// Nothing enters the store before everything is verified; a pull that fails or is killed
/// leaves only `.tmp-` files, which are removed by the next pull.
public struct ImagePuller: Sendable {
    public let transfer: RegistryTransfer
    var store: ImageStore { transfer.store }
    var events: any EventSink { transfer.events }
    var progress: PullProgress { transfer.progress }

    public init(_ transfer: RegistryTransfer) {
        self.transfer = transfer
    }

    /// What a pull did, for the caller's last lines.
    public struct Outcome: Sendable {
        public let image: StoredImage
        /// The manifest's digest: `Digest: sha256:…`.
        public let digest: Digest
        /// The store had this exact manifest under the tag already.
        public let upToDate: Bool
    }

    /// Pulls one reference (`busybox`, `localhost:5000/app:v1`, `app@sha256:…`) for a platform.
    ///
    /// From a multi-platform index, the index itself is kept beside the chosen image (so `push`
    /// can send it on), and with `allPlatforms` every other platform's image too (not unpacked).
    public func pull(_ reference: ImageReference, platform: PlatformChoice = .host, allPlatforms: Bool = false) throws -> Outcome {
        store.removeAbandonedTemporaries()
        let client = try transfer.client(for: reference)
        progress.say("\(reference.digest?.string ?? reference.tag ?? ImageReference.defaultTag): Pulling from \(reference.repository)")

        var fetched = try client.manifest(reference, events: events)
        var source: FetchedIndex?
        if case let .index(index) = fetched.kind {
            source = FetchedIndex(bytes: fetched.bytes, descriptor: fetched.descriptor)
            let chosen = try platform.choose(from: index, reference: reference)
            if allPlatforms {
                for other in index.manifests where other.digest != chosen.digest {
                    try pullPlatformImage(other, of: reference, client: client)
                }
            }
            fetched = try client.manifest(reference, selector: chosen.digest.string, events: events)
            guard fetched.descriptor.digest == chosen.digest else {
                throw RegistryError(.verification, "the index names manifest \(chosen.digest), but \(fetched.descriptor.digest) came")
            }
        }
        guard case let .manifest(manifest) = fetched.kind else {
            throw RegistryError(.unsupported, "\(reference): the index for \(platform) points to another index; Dockyard reads one level")
        }
        let tag = reference.digest == nil ? reference : nil
        // What the name points to in the registry: the index when there is one, as Docker prints.
        let repoDigest = source?.descriptor.digest ?? fetched.descriptor.digest
        if let tag, let existing = try store.image(tag), existing.manifestDigest == fetched.descriptor.digest, !allPlatforms {
            return Outcome(image: existing, digest: repoDigest, upToDate: true)
        }
        for layer in manifest.layers where !MediaType.isLayer(layer.mediaType) {
            throw RegistryError(.unsupported, "\(reference): layer \(layer.digest) has media type \(layer.mediaType), which Dockyard cannot unpack")
        }

        let config = try fetchConfig(manifest.config, repository: reference.repository, client: client)
        let diffIDs = try CanonicalJSON.decode(ImageConfiguration.self, from: config, what: "config \(manifest.config.digest)").rootfs.diffIDs
        guard diffIDs.count == manifest.layers.count else {
            throw RegistryError(.verification, "\(reference): the manifest lists \(manifest.layers.count) layers, the config \(diffIDs.count) diff_ids")
        }
        let (layers, unpacked) = try fetchLayers(manifest.layers, diffIDs: diffIDs, repository: reference.repository, client: client)
        let image: StoredImage
        do {
            try store.commitUnpackedLayers(unpacked, events: events)
            image = try store.addPulled(FetchedImage(manifest: fetched.bytes, manifestDescriptor: fetched.descriptor,
                                                     config: config, layers: layers, index: source),
                                        tag: tag, repository: reference, layersChecked: true)
        } catch {
            store.removeUnpackedLayers(unpacked)
            throw error
        }
        try extract(image, fetched: [])
        return Outcome(image: image, digest: repoDigest, upToDate: false)
    }

    /// Another entry of an index (`--all-platforms`): manifest, config and layers fetched and
    /// checked like the host's (an attestation's by digest only), stored untagged, not unpacked.
    private func pullPlatformImage(_ entry: Descriptor, of reference: ImageReference, client: RegistryClient) throws {
        let fetched = try client.manifest(reference, selector: entry.digest.string, events: events)
        guard fetched.descriptor.digest == entry.digest, case let .manifest(manifest) = fetched.kind else {
            throw RegistryError(.verification, "the index names manifest \(entry.digest), but something else came")
        }
        if store.hasBlob(entry.digest) { return }
        let config = try fetchConfig(manifest.config, repository: reference.repository, client: client)
        var layers: [FetchedBlob] = []
        do {
            for layer in manifest.layers {
                if store.hasBlob(layer.digest) {
                    layers.append(FetchedBlob(path: "", descriptor: layer))
                    continue
                }
                let path = store.temporaryBlobPath()
                progress.update(layer.digest.shortID, .pullingFsLayer)
                try client.fetchBlob(layer, repository: reference.repository, to: path) { done in
                    progress.update(layer.digest.shortID, .downloading(done, layer.size))
                }
                layers.append(FetchedBlob(path: path, descriptor: layer))
                progress.update(layer.digest.shortID, .downloadComplete)
            }
            try store.addPlatformImage(FetchedImage(manifest: fetched.bytes, manifestDescriptor: fetched.descriptor,
                                                    config: config, layers: layers), isPlatformImage: entry.isPlatformImage)
        } catch {
            for layer in layers where !layer.path.isEmpty { unlink(layer.path) }
            throw error
        }
    }

    /// The config blob, in memory (it is small), checked against its descriptor.
    private func fetchConfig(_ descriptor: Descriptor, repository: String, client: RegistryClient) throws -> [UInt8] {
        guard descriptor.size <= 16 << 20 else {
            throw RegistryError(.unsupported, "config \(descriptor.digest) is \(descriptor.size) bytes, too large to be an image config")
        }
        let response = try client.send(HTTPRequest("GET", try client.url("/v2/\(repository)/blobs/\(descriptor.digest)")),
                                       scopes: [RegistryClient.pullScope(repository)], body: .memory(limit: 16 << 20))
        guard response.isSuccess else { throw client.failure(response, "config \(descriptor.digest)") }
        let digest = Digest.sha256(of: response.body)
        guard digest == descriptor.digest, Int64(response.body.count) == descriptor.size else {
            throw RegistryError(.verification, "config \(descriptor.digest) came as \(response.body.count) bytes hashing to \(digest); refused")
        }
        events.emit(Event(.contentVerified(what: "config", digest: digest.string, mediaType: descriptor.mediaType, size: descriptor.size)))
        return response.body
    }

    /// Every layer the store lacks, 3 at a time, each into its own temporary file, then checked
    /// and unpacked in one pass (entries through `load`'s validator, the diff_id hashed from the
    /// decompressed stream) as soon as it is complete, while the others still download. If one
    /// fails, the others' files and directories are deleted as well. Returns the blobs and the
    /// layer directories made, for the caller to remove if the pull fails later.
    private func fetchLayers(_ layers: [Descriptor], diffIDs: [Digest], repository: String,
                             client: RegistryClient) throws -> (blobs: [FetchedBlob], unpacked: [ImageStore.UnpackedLayer]) {
        let results = Mutex<[Int: Result<FetchedBlob, any Error>]>([:])
        let unpacked = UnpackedDirectories()
        var toFetch: [Int] = []
        for (i, layer) in layers.enumerated() {
            if store.hasBlob(layer.digest) {
                progress.update(layer.digest.shortID, .alreadyExists)
                events.emit(Event(.layerAlreadyStored(digest: layer.digest.string, mediaType: layer.mediaType, size: layer.size)))
                results.withLock { $0[i] = .success(FetchedBlob(path: "", descriptor: layer)) }
            } else {
                progress.update(layer.digest.shortID, .pullingFsLayer)
                toFetch.append(i)
            }
        }
        // Docker's lines: beyond the three fetched at once, a layer waits its turn.
        for i in toFetch.dropFirst(3) { progress.update(layers[i].digest.shortID, .waiting) }
        let store = self.store, progress = self.progress, events = self.events, missing = toFetch
        ParallelWork.run(count: missing.count, width: 3) { n in
            let layer = layers[missing[n]]
            let id = layer.digest.shortID
            let path = store.temporaryBlobPath()
            do {
                try client.fetchBlob(layer, repository: repository, to: path) { done in
                    progress.update(id, .downloading(done, layer.size))
                }
                progress.update(id, .verifying)
                events.emit(Event(.contentVerified(what: "layer", digest: layer.digest.string, mediaType: layer.mediaType, size: layer.size)))
                progress.update(id, .downloadComplete)
                let blob = FetchedBlob(path: path, descriptor: layer)
                progress.update(id, .extracting)
                do {
                    if let layer = try store.checkAndUnpackPulledLayer(blob, diffID: diffIDs[missing[n]]) { unpacked.add(layer) }
                } catch {
                    unlink(path)
                    throw error
                }
                events.emit(Event(.contentVerified(what: "diff_id", digest: diffIDs[missing[n]].string, mediaType: layer.mediaType, size: layer.size)))
                progress.update(id, .complete)
                results.withLock { $0[missing[n]] = .success(blob) }
            } catch {
                results.withLock { $0[missing[n]] = .failure(error) }
            }
        }
        let outcome = results.withLock { $0 }
        var fetched: [FetchedBlob] = []
        var firstError: (any Error)?
        for i in layers.indices {
            switch outcome[i] {
            case let .success(blob)?: fetched.append(blob)
            case let .failure(error)?: firstError = firstError ?? error
            case nil: firstError = firstError ?? RegistryError(.transport, "layer \(layers[i].digest) was not fetched")
            }
        }
        if let firstError {
            for blob in fetched where !blob.path.isEmpty { unlink(blob.path) }
            store.removeUnpackedLayers(unpacked.all)
            throw firstError
        }
        return (fetched, unpacked.all)
    }

    /// Unpacks what is not unpacked yet: layers that "Already exist" as blobs but whose
    /// directory was pruned. Fetched layers were unpacked as they arrived.
    private func extract(_ image: StoredImage, fetched: Set<Digest>) throws {
        let layers = Array(zip(image.manifest.layers, image.config.rootfs.diffIDs))
        let failures = Mutex<[any Error]>([])
        let store = self.store, progress = self.progress, events = self.events
        ParallelWork.run(count: layers.count, width: 2) { i in
            let (layer, diffID) = layers[i]
            let shown = fetched.contains(layer.digest)
            if shown { progress.update(layer.digest.shortID, .extracting) }
            do {
                _ = try store.unpackedLayer(layer, diffID: diffID, events: events)
                if shown { progress.update(layer.digest.shortID, .complete) }
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let first = failures.withLock({ $0.first }) { throw first }
    }
}

/// The layers a pull's threads unpacked, gathered under a lock.
private final class UnpackedDirectories: Sendable {
    private let layers = Mutex<[ImageStore.UnpackedLayer]>([])

    func add(_ layer: ImageStore.UnpackedLayer) { layers.withLock { $0.append(layer) } }
    var all: [ImageStore.UnpackedLayer] { layers.withLock { $0 } }
}
