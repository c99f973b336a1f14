import OCI

/// An image read from an archive, its documents checked — every digest, size and the number of
/// diff_ids — but not yet in the store. `load` then reads every image's layers entry by entry,
/// all at once (`unpacking`), and adopts the images only once every one of them passed.
struct PreparedImage {
    /// The config, byte for byte as in the archive, so the image ID is the one it had.
    let config: ArchiveStaging.File
    let configuration: ImageConfiguration
    let layers: [(file: ArchiveStaging.File, descriptor: Descriptor)]
    /// The manifest as in the archive (OCI layout), or nil to write one (docker-archive).
    let manifest: (file: ArchiveStaging.File, descriptor: Descriptor)?
    let tags: [ImageReference]
    /// Each layer with its name in the archive and the diff_id the config gives it.
    let unpacking: [LayerToUnpack]

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

    /// Pairs the layers with the config's diff_ids, refusing a config that lists another number
    /// of them. Their entries and diff_ids are checked as `load` unpacks them.
    static func layersToUnpack(_ layers: [(file: ArchiveStaging.File, name: String)], against config: ImageConfiguration,
                               configName: String) throws -> [LayerToUnpack] {
        guard layers.count == config.rootfs.diffIDs.count else {
            throw ImageStoreError(.invalidArchive, "\(configName) lists \(config.rootfs.diffIDs.count) diff_ids, but the image has \(layers.count) layers")
        }
        return zip(layers, config.rootfs.diffIDs).map { layer, diffID in
            LayerToUnpack(file: layer.file, name: layer.name, diffID: diffID)
        }
    }
}
