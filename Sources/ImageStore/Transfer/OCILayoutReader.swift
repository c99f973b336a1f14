import OCI

/// Reads an OCI image layout from an archive: `index.json` names manifests by digest, and every
/// blob lives at `blobs/<algorithm>/<hex>`. Each blob is checked against the digest and size of
/// the descriptor pointing at it. An entry that is itself an index (a multi-platform image) is
/// narrowed to this machine's platform.
///
/// Tags come from `io.containerd.image.name` (what Docker and containerd write), else from
/// `org.opencontainers.image.ref.name` when it is a full `name:tag`; a bare tag such as `latest`
/// names no repository, so that image loads untagged, as in Docker.
enum OCILayoutReader {
    static func images(in staging: ArchiveStaging) throws -> [PreparedImage] {
        guard let indexFile = try staging.file("index.json") else {
            throw ImageStoreError(.invalidArchive, "not an OCI image layout: index.json is missing")
        }
        guard try staging.file("oci-layout") != nil else {
            throw ImageStoreError(.invalidArchive, "not an OCI image layout: the oci-layout file is missing")
        }
        let index = try PreparedImage.document(ImageIndex.self, indexFile, what: "index.json")
        var images: [PreparedImage] = []
        for entry in index.manifests {
            let descriptor = try platformManifest(entry, in: staging)
            let tag = try self.tag(of: entry)
            if let existing = images.firstIndex(where: { $0.manifest?.descriptor.digest == descriptor.digest }) {
                let image = images[existing]
                images[existing] = PreparedImage(config: image.config, configuration: image.configuration, layers: image.layers,
                                                 manifest: image.manifest, tags: image.tags + (tag.map { [$0] } ?? []),
                                                 unpacking: image.unpacking)
                continue
            }
            images.append(try prepare(descriptor, tags: tag.map { [$0] } ?? [], in: staging))
        }
        return images
    }

    private static func prepare(_ descriptor: Descriptor, tags: [ImageReference], in staging: ArchiveStaging) throws -> PreparedImage {
        let manifestFile = try blob(descriptor, in: staging, what: "manifest")
        let manifest = try PreparedImage.document(ImageManifest.self, manifestFile, what: "manifest \(descriptor.digest)")
        let config = try blob(manifest.config, in: staging, what: "config")
        let configuration = try PreparedImage.document(ImageConfiguration.self, config, what: "config \(manifest.config.digest)")
        var layers: [(file: ArchiveStaging.File, name: String)] = []
        for layer in manifest.layers {
            guard MediaType.isLayer(layer.mediaType) else {
                throw ImageStoreError(.invalidArchive, "layer \(layer.digest) has media type \(layer.mediaType): Dockyard reads tar and tar+gzip layers")
            }
            layers.append((try blob(layer, in: staging, what: "layer"), layer.digest.string))
        }
        let unpacking = try PreparedImage.layersToUnpack(layers, against: configuration, configName: "config \(manifest.config.digest)")
        return PreparedImage(config: config, configuration: configuration,
                             layers: zip(layers, manifest.layers).map { ($0.file, $1) },
                             manifest: (manifestFile, descriptor), tags: tags, unpacking: unpacking)
    }

    /// The manifest for this machine when `entry` is an index; `entry` itself otherwise.
    private static func platformManifest(_ entry: Descriptor, in staging: ArchiveStaging) throws -> Descriptor {
        guard entry.mediaType == MediaType.imageIndex || entry.mediaType == MediaType.dockerManifestList else { return entry }
        let nested = try PreparedImage.document(ImageIndex.self, try blob(entry, in: staging, what: "index"), what: "index \(entry.digest)")
        let host = Platform.host
        let candidates = nested.manifests.filter { $0.platform.map { $0.os == host.os && $0.architecture == host.architecture } ?? true }
        guard let chosen = candidates.first(where: { staging.files["blobs/sha256/" + $0.digest.hex] != nil }) else {
            throw ImageStoreError(.invalidArchive, "index \(entry.digest) has no manifest for \(host.os)/\(host.architecture) in this archive")
        }
        return chosen
    }

    /// The blob a descriptor points at, checked against its digest and size.
    private static func blob(_ descriptor: Descriptor, in staging: ArchiveStaging, what: String) throws -> ArchiveStaging.File {
        let path = "blobs/\(descriptor.digest.algorithm)/\(descriptor.digest.hex)"
        guard let file = try staging.file(path) else {
            throw ImageStoreError(.invalidArchive, "\(what) \(descriptor.digest) is missing from the archive (\(path))")
        }
        guard file.digest == descriptor.digest else {
            throw ImageStoreError(.invalidArchive, "\(what) \(path) does not match its digest: its content hashes to \(file.digest)")
        }
        guard file.size == descriptor.size else {
            throw ImageStoreError(.invalidArchive, "\(what) \(path) has \(file.size) bytes, but its descriptor says \(descriptor.size)")
        }
        return file
    }

    private static func tag(of entry: Descriptor) throws -> ImageReference? {
        let annotations = entry.annotations ?? [:]
        let text: String
        if let name = annotations[ArchiveAnnotation.containerdName] {
            text = name
        } else if let name = annotations[AnnotationKey.refName], name.contains(":") || name.contains("/") {
            text = name
        } else {
            return nil
        }
        do { return try ImageReference(parsing: text) } catch {
            throw ImageStoreError(.invalidArchive, "index.json has an invalid image name: \(error.message)")
        }
    }
}
