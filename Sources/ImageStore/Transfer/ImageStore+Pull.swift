import Explain
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// A blob a registry client fetched into the store's blob directory under a temporary name,
/// its size and digest already checked against the descriptor it was fetched for.
public struct FetchedBlob: Sendable {
    public let path: String
    public let descriptor: Descriptor

    public init(path: String, descriptor: Descriptor) {
        self.path = path
        self.descriptor = descriptor
    }
}

/// A multi-platform index as a registry served it, bytes and digest checked.
public struct FetchedIndex: Sendable {
    public let bytes: [UInt8]
    public let descriptor: Descriptor

    public init(bytes: [UInt8], descriptor: Descriptor) {
        self.bytes = bytes
        self.descriptor = descriptor
    }
}

/// An image as a registry served it, every part fetched and verified, not yet in the store.
public struct FetchedImage: Sendable {
    /// The manifest's exact bytes: its digest is the image's repo digest.
    public let manifest: [UInt8]
    public let manifestDescriptor: Descriptor
    /// The config's exact bytes: its digest is the image ID.
    public let config: [UInt8]
    public let layers: [FetchedBlob]
    /// The index the manifest was chosen from, kept so `push` can send the index on again.
    public let index: FetchedIndex?

    public init(manifest: [UInt8], manifestDescriptor: Descriptor, config: [UInt8], layers: [FetchedBlob],
                index: FetchedIndex? = nil) {
        self.manifest = manifest
        self.manifestDescriptor = manifestDescriptor
        self.config = config
        self.layers = layers
        self.index = index
    }
}

extension AnnotationKey {
    /// On an index.json entry: `name@sha256:…` of the manifest as a registry holds it (pulled or
    /// pushed), space-separated; Docker's `RepoDigests` and `images --digests`.
    public static let repoDigests = "dev.dockyard.repo.digests"
    /// On an index.json entry of a pulled image: the repository it came from. Its layers are a
    /// registry's blobs, pushed again as they are (never recompressed).
    public static let pulledFrom = "dev.dockyard.pulled-from"
    /// On an index.json entry of an image pulled from a multi-platform index: that index's
    /// `mediaType@sha256:…`, kept in the blob store (its other platforms' blobs only if pulled
    /// with `--all-platforms`).
    public static let sourceIndex = "dev.dockyard.source-index"
}

extension ImageStore {
    /// A fresh temporary path in the blob directory, for a download that becomes a blob by rename.
    /// A pull killed midway leaves only such `.tmp-PID-…` files, which the clean-up pass removes.
    public func temporaryBlobPath() -> String {
        blobs.temporaryPath()
    }

    /// True when the blob is in the store already: a pull skips fetching it ("Already exists").
    public func hasBlob(_ digest: Digest) -> Bool {
        blobs.contains(digest)
    }

    /// Adds a pulled image, all or nothing: every layer is read entry by entry with the same
    /// checks as `load` (no absolute paths, no `..`, no links out, no devices), its diff_id
    /// (the digest after decompression) must be the config's, and only then are the blobs
    /// renamed into place and the tag written. On any failure, the fetched files and every blob
    /// this call added are removed, so a refused image leaves nothing behind.
    public func addPulled(_ image: FetchedImage, tag: ImageReference?, repository: ImageReference,
                          layersChecked: Bool = false) throws -> StoredImage {
        try allOrNothing(image) { added in
            let config = try CanonicalJSON.decode(ImageConfiguration.self, from: image.config, what: "config \(image.manifestDescriptor.digest)")
            let manifest = try CanonicalJSON.decode(ImageManifest.self, from: image.manifest, what: "manifest \(image.manifestDescriptor.digest)")
            guard manifest.layers.count == image.layers.count, config.rootfs.diffIDs.count == image.layers.count else {
                throw ImageStoreError(.invalidImage, "manifest \(image.manifestDescriptor.digest) lists \(manifest.layers.count) layers, its config \(config.rootfs.diffIDs.count) diff_ids")
            }
            for (layer, expected) in zip(image.layers, config.rootfs.diffIDs) where !layersChecked && !blobs.contains(layer.descriptor.digest) {
                try checkPulledLayer(layer, diffID: expected)
            }
            var documents = [(image.config, manifest.config.mediaType), (image.manifest, image.manifestDescriptor.mediaType)]
            if let index = image.index { documents.append((index.bytes, index.descriptor.mediaType)) }
            try keepBlobs(of: image, documents: documents, recording: &added)
            try recordPulled(image, config: config, tag: tag, repository: repository)
            return StoredImage(reference: tag, manifestDigest: image.manifestDescriptor.digest, manifest: manifest, config: config)
        }
    }

    /// Runs `body` under the write lease, all or nothing: if it throws, the fetched temporary
    /// files and every blob it recorded as added are removed.
    private func allOrNothing<T>(_ image: FetchedImage, _ body: (inout [Digest]) throws -> T) throws -> T {
        try withWriteLease {
            var added: [Digest] = []
            do {
                return try body(&added)
            } catch {
                for layer in image.layers where layer.path.contains("/.tmp-") { unlink(layer.path) }
                for digest in added { unlink(blobs.path(of: digest)) }
                throw error
            }
        }
    }

    /// Renames every fetched layer file the store lacks into place and writes the documents
    /// (config, manifest, index), recording what was new.
    private func keepBlobs(of image: FetchedImage, documents: [([UInt8], String)], recording added: inout [Digest]) throws {
        for layer in image.layers where !layer.path.isEmpty && !blobs.contains(layer.descriptor.digest) {
            try blobs.adopt(temporaryFile: layer.path, digest: layer.descriptor.digest)
            added.append(layer.descriptor.digest)
        }
        for (bytes, type) in documents {
            let digest = Digest.sha256(of: bytes)
            if !blobs.contains(digest) { added.append(digest) }
            try blobs.write(bytes, mediaType: type)
        }
    }

    /// Reads a fetched layer entry by entry with `load`'s validator (no absolute paths, `..`,
    /// links out, devices) and checks that it decompresses to the config's diff_id. A puller may
    /// call it as each layer arrives, on its own thread, then tell `addPulled` the layers are checked.
    public func checkPulledLayer(_ layer: FetchedBlob, diffID expected: Digest) throws {
        let diffID = try LayerValidator.validate(staged(layer), layer: layer.descriptor.digest.string)
        guard diffID == expected else {
            throw ImageStoreError(.invalidImage, "layer \(layer.descriptor.digest) decompresses to \(diffID), but the config's diff_id is \(expected)")
        }
    }

    /// A fetched layer as the validator and the unpacker read it: its compression from its media type.
    private func staged(_ layer: FetchedBlob) -> ArchiveStaging.File {
        ArchiveStaging.File(path: layer.path, digest: layer.descriptor.digest, size: layer.descriptor.size,
                            isGzip: MediaType.isGzipLayer(layer.descriptor.mediaType),
                            isZstd: layer.descriptor.mediaType == MediaType.layerTarZstd)
    }

    /// A layer unpacked into a temporary directory, checked, waiting to be renamed into place.
    public struct UnpackedLayer: Sendable {
        public let temporary: String
        public let directory: String
        let diffID: Digest
        let files: Int
        let notes: [String]
    }

    /// Checks a fetched layer and unpacks it in one pass (`unpackChecked`): every entry through
    /// `load`'s validator, the diff_id from the decompressed stream. Returns the unpacked layer
    /// for `commitUnpackedLayers`, or nil when the layer is unpacked already (then it is only checked).
    public func checkAndUnpackPulledLayer(_ layer: FetchedBlob, diffID expected: Digest) throws -> UnpackedLayer? {
        let name = layer.descriptor.digest.string
        return try unpackChecked(LayerToUnpack(file: staged(layer), name: name, diffID: expected)) { diffID in
            ImageStoreError(.invalidImage, "layer \(name) decompresses to \(diffID), but the config's diff_id is \(expected)")
        }
    }

    /// Puts a pull's unpacked layers in place: one sync for all of them (their files must be on
    /// disk before a name says a layer is complete; a sync per layer waited for every other
    /// writer on the machine again and again), then each renamed to `layers/<diff_id hex>`.
    public func commitUnpackedLayers(_ layers: [UnpackedLayer], events: any EventSink) throws {
        guard !layers.isEmpty else { return }
        sync()
        try placeUnpackedLayers(layers, events: events)
    }

    /// Renames unpacked layers (already on disk) to `layers/<diff_id hex>`, telling each.
    func placeUnpackedLayers(_ layers: [UnpackedLayer], events: any EventSink = DiscardingSink()) throws {
        for layer in layers {
            try FileSystem.moveIntoPlace(layer.temporary, layer.directory)
            events.emit(Event(.layerUnpacked(digest: layer.diffID.string, directory: layer.directory, files: layer.files)))
            for note in layer.notes { events.emit(Event(.note(note))) }
        }
    }

    /// Removes unpacked layer directories a failed pull made (temporary or in place).
    public func removeUnpackedLayers(_ layers: [UnpackedLayer]) {
        for layer in layers {
            FileSystem.removeTree(layer.temporary)
            if layer.directory.hasPrefix(layersPath + "/") { FileSystem.removeTree(layer.directory) }
        }
    }

    /// Points the tag at the manifest (or adds an untagged entry for a pull by digest), noting
    /// the repo digest so `images --digests` and `inspect` can show it.
    private func recordPulled(_ image: FetchedImage, config: ImageConfiguration, tag: ImageReference?, repository: ImageReference) throws {
        // The name points to the index when there is one: that is the repo digest, as in Docker.
        let repoDigest = repository.pinned(to: image.index?.descriptor.digest ?? image.manifestDescriptor.digest).description
        try updateIndex { index in
            var entry = Descriptor(mediaType: image.manifestDescriptor.mediaType, digest: image.manifestDescriptor.digest,
                                   size: image.manifestDescriptor.size)
            entry.platform = Platform(architecture: config.architecture, os: config.os, variant: config.variant)
            var annotations = [AnnotationKey.repoDigests: repoDigest, AnnotationKey.pulledFrom: repository.name]
            if let source = image.index {
                annotations[AnnotationKey.sourceIndex] = source.descriptor.mediaType + "@" + source.descriptor.digest.string
            }
            if let name = tag?.taggedName {
                index.releaseTag(name, for: entry.digest)
                annotations[AnnotationKey.refName] = name
            } else if let existing = index.manifests.firstIndex(where: { $0.digest == entry.digest && $0.annotations?[AnnotationKey.refName] == nil }) {
                index.manifests.remove(at: existing)
            }
            entry.annotations = annotations
            index.manifests.append(entry)
        }
    }

    /// The layer blobs of every pulled image: what a registry served, to be pushed as it is.
    public func pulledLayerDigests() throws -> Set<Digest> {
        var digests = Set<Digest>()
        for entry in try readIndex().manifests where entry.annotations?[AnnotationKey.pulledFrom] != nil {
            let manifest = try CanonicalJSON.decode(ImageManifest.self, from: blobs.read(entry.digest), what: "manifest \(entry.digest)")
            digests.formUnion(manifest.layers.map(\.digest))
        }
        return digests
    }

    /// Adds one more entry of a pulled index (`pull --all-platforms`), untagged: a platform's
    /// image has its layers read by `load`'s validator and their diff_ids checked, as the host's;
    /// an attestation (`unknown/unknown`, whose "layers" are in-toto JSON) is kept as verified
    /// blobs only, since nothing ever unpacks it. The kept index reaches it, so the collector
    /// keeps it while the tag does.
    public func addPlatformImage(_ image: FetchedImage, isPlatformImage: Bool = true) throws {
        try allOrNothing(image) { added in
            let manifest = try CanonicalJSON.decode(ImageManifest.self, from: image.manifest, what: "manifest \(image.manifestDescriptor.digest)")
            if isPlatformImage {
                let config = try CanonicalJSON.decode(ImageConfiguration.self, from: image.config, what: "config of \(image.manifestDescriptor.digest)")
                guard config.rootfs.diffIDs.count == image.layers.count else {
                    throw ImageStoreError(.invalidImage, "manifest \(image.manifestDescriptor.digest): \(image.layers.count) layers, \(config.rootfs.diffIDs.count) diff_ids")
                }
                for (layer, diffID) in zip(image.layers, config.rootfs.diffIDs) where !layer.path.isEmpty {
                    try checkPulledLayer(layer, diffID: diffID)
                }
            }
            try keepBlobs(of: image, documents: [(image.config, manifest.config.mediaType), (image.manifest, image.manifestDescriptor.mediaType)],
                          recording: &added)
        }
    }

    /// The index a tag's image was pulled from, when it was kept: its bytes and descriptor.
    public func sourceIndex(ofTag name: String) throws -> FetchedIndex? {
        guard let entry = try readIndex().manifests.first(where: { $0.annotations?[AnnotationKey.refName] == name }),
              let value = entry.annotations?[AnnotationKey.sourceIndex], let at = value.lastIndex(of: "@"),
              let digest = try? Digest(parsing: String(value[value.index(after: at)...])), blobs.contains(digest) else { return nil }
        let bytes = try blobs.read(digest)
        return FetchedIndex(bytes: bytes, descriptor: Descriptor(mediaType: String(value[..<at]), digest: digest, size: Int64(bytes.count)))
    }

    /// One image a kept index names: its entry, its manifest's bytes and the manifest read.
    public typealias IndexedImage = (entry: Descriptor, bytes: [UInt8], manifest: ImageManifest)

    /// A tag's kept index with every manifest it names (attestations too: a registry refuses an
    /// index whose manifests it lacks), when the store has all of their manifests, configs and
    /// layers (`pull --all-platforms`); nil otherwise.
    public func completeSourceIndex(ofTag name: String) throws -> (index: FetchedIndex, images: [IndexedImage])? {
        guard let source = try sourceIndex(ofTag: name) else { return nil }
        let index = try CanonicalJSON.decode(ImageIndex.self, from: source.bytes, what: "index \(source.descriptor.digest)")
        var images: [IndexedImage] = []
        for entry in index.manifests {
            guard blobs.contains(entry.digest) else { return nil }
            let bytes = try blobs.read(entry.digest)
            let manifest = try CanonicalJSON.decode(ImageManifest.self, from: bytes, what: "manifest \(entry.digest)")
            guard blobs.contains(manifest.config.digest), manifest.layers.allSatisfy({ blobs.contains($0.digest) }) else { return nil }
            images.append((entry, bytes, manifest))
        }
        return (source, images)
    }

    /// Notes that a registry now holds this image under `repoDigest` (`name@sha256:…`), after a push.
    public func addRepoDigest(_ repoDigest: String, toImageTagged name: String) throws {
        try updateIndex { index in
            for i in index.manifests.indices where index.manifests[i].annotations?[AnnotationKey.refName] == name {
                var digests = Set((index.manifests[i].annotations?[AnnotationKey.repoDigests] ?? "").split(separator: " ").map(String.init))
                digests.insert(repoDigest)
                index.manifests[i].annotations?[AnnotationKey.repoDigests] = digests.sorted().joined(separator: " ")
            }
        }
    }

    /// Docker's `RepoDigests`: every repo digest noted on the entries of these tags, or of this
    /// manifest, sorted and without repeats.
    public func repoDigests(tags: [ImageReference], manifestDigest: Digest) throws -> [String] {
        let names = Set(tags.compactMap(\.taggedName))
        let entries = try readIndex().manifests.filter { entry in
            entry.annotations?[AnnotationKey.refName].map(names.contains) ?? (entry.digest == manifestDigest)
        }
        let digests = entries.flatMap { ($0.annotations?[AnnotationKey.repoDigests] ?? "").split(separator: " ").map(String.init) }
        return Array(Set(digests)).sorted()
    }
}
