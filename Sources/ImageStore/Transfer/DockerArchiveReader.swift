import OCI

/// Reads a docker-archive (`docker save`, old or new): `manifest.json` lists, per image, the
/// path of its config, the paths of its layer tars and its tags. Paths may be `<id>.json` and
/// `<layer>/layer.tar` (Docker before 25) or `blobs/sha256/<hex>` (Docker 25 and later); a path
/// that carries a digest must match its content.
enum DockerArchiveReader {
    static func images(in staging: ArchiveStaging) throws -> [PreparedImage] {
        guard let manifestFile = try staging.file("manifest.json") else {
            throw ImageStoreError(.invalidArchive, "not a docker-archive: manifest.json is missing")
        }
        let entries = try PreparedImage.document([DockerArchiveManifest].self, manifestFile, what: "manifest.json")
        return try entries.map { entry in
            let config = try member(entry.config, in: staging, what: "config")
            let configuration = try PreparedImage.document(ImageConfiguration.self, config, what: "config \(entry.config)")
            let layers = try entry.layers.map { path in (file: try member(path, in: staging, what: "layer"), name: path) }
            let unpacking = try PreparedImage.layersToUnpack(layers, against: configuration, configName: "config \(entry.config)")
            let tags = try (entry.repoTags ?? []).map(tag)
            return PreparedImage(
                config: config, configuration: configuration,
                layers: layers.map { layer in
                    (layer.file, Descriptor(mediaType: layer.file.isGzip ? MediaType.layerTarGzip : MediaType.layerTar,
                                            digest: layer.file.digest, size: layer.file.size))
                },
                manifest: nil, tags: tags, unpacking: unpacking)
        }
    }

    private static func tag(_ text: String) throws -> ImageReference {
        do { return try ImageReference(parsing: text) } catch {
            throw ImageStoreError(.invalidArchive, "manifest.json has an invalid tag: \(error.message)")
        }
    }

    /// A member manifest.json names, checked against any digest its path spells out.
    private static func member(_ path: String, in staging: ArchiveStaging, what: String) throws -> ArchiveStaging.File {
        guard let file = try staging.file(path) else {
            throw ImageStoreError(.invalidArchive, "manifest.json names \(what) \"\(path)\", which is not in the archive")
        }
        if let claimed = claimedDigest(path), claimed != file.digest {
            throw ImageStoreError(.invalidArchive, "\(what) \"\(path)\" does not match its name: its content hashes to \(file.digest)")
        }
        return file
    }

    /// The digest in `blobs/sha256/<hex>` or `<hex>.json`, if the path has that shape.
    static func claimedDigest(_ path: String) -> Digest? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if path.hasPrefix("blobs/sha256/") { return try? Digest(sha256Hex: name) }
        if name.hasSuffix(".json") { return try? Digest(sha256Hex: String(name.dropLast(5))) }
        return nil
    }
}
