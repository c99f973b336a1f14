import OCI

/// An image read from an archive and checked — every digest, size, diff_id and layer entry —
/// but not yet in the store: what `load` adopts only once every image in the archive passed.
struct PreparedImage {
    /// The config, byte for byte as in the archive, so the image ID is the one it had.
    let config: ArchiveStaging.File
    let configuration: ImageConfiguration
    let layers: [(file: ArchiveStaging.File, descriptor: Descriptor)]
    /// The manifest as in the archive (OCI layout), or nil to write one (docker-archive).
    let manifest: (file: ArchiveStaging.File, descriptor: Descriptor)?
    let tags: [ImageReference]

    var id: Digest { config.digest }

    /// JSON documents are read whole; anything this large is not a manifest or config.
    static let documentLimit: Int64 = 16 << 20

    /// Reads and decodes a small JSON member, refusing oversized ones.
    static func document<T: Decodable>(_ type: T.Type, _ file: ArchiveStaging.File, what: String) throws -> T {
        guard file.size <= documentLimit else {
            throw ImageStoreError(.invalidArchive, "\(what) is \(file.size) bytes, too large to be a JSON document")
        }
        do {
            return try CanonicalJSON.decode(type, from: FileSystem.read(file.path), what: what)
        } catch let error as OCIError {
            throw ImageStoreError(.invalidArchive, error.message)
        }
    }

    /// Checks the layers against the config's diff_ids, entry by entry.
    static func checkLayers(_ layers: [(file: ArchiveStaging.File, name: String)], against config: ImageConfiguration,
                            configName: String) throws {
        guard layers.count == config.rootfs.diffIDs.count else {
            throw ImageStoreError(.invalidArchive, "\(configName) lists \(config.rootfs.diffIDs.count) diff_ids, but the image has \(layers.count) layers")
        }
        for ((file, name), expected) in zip(layers, config.rootfs.diffIDs) {
            let diffID = try LayerValidator.validate(file, layer: name)
            guard diffID == expected else {
                throw ImageStoreError(.invalidArchive, "layer \(name) has diff_id \(diffID), but the config says \(expected)")
            }
        }
    }
}
