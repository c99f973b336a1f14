import Explain
import FoundationEssentials

/// The blobs that make one image and how they point at each other, as the image graph draws
/// them: a name or index, the manifest, the config, and each layer with the diff_id its
/// uncompressed tar has.
struct ImageGraph {
    /// One blob, or a name pointing at one: what it is, its digest (or a tag), media type and size.
    struct Blob {
        var what: String
        var digest: String
        var mediaType: String
        var size: Int64?
        /// A layer a pull found in the store already (`layerAlreadyStored`) and did not fetch.
        var alreadyStored = false
    }

    var index: Blob?
    var manifest: Blob
    var config: Blob?
    /// Each layer with its diff_id; a layer is nil when the store already had it (a pull did not fetch it).
    var layers: [(layer: Blob?, diffID: String?)] = []

    init(index: Blob? = nil, manifest: Blob, config: Blob? = nil, layers: [(layer: Blob?, diffID: String?)] = []) {
        self.index = index
        self.manifest = manifest
        self.config = config
        self.layers = layers
    }

    /// What a pull verified (`contentVerified` events) and the layers it found in the store
    /// (`layerAlreadyStored`); nil without a manifest.
    init?(events: [Event]) {
        var blobs: [Blob] = []
        var stored: [Blob] = []
        var diffIDs: [(digest: String, size: Int64)] = []
        for kind in events.map(\.kind) {
            switch kind {
            case let .contentVerified(what, digest, mediaType, size) where what == "diff_id": diffIDs.append((digest, size))
            case let .contentVerified(what, digest, mediaType, size): blobs.append(Blob(what: what, digest: digest, mediaType: mediaType, size: size))
            case let .layerAlreadyStored(digest, mediaType, size):
                stored.append(Blob(what: "layer", digest: digest, mediaType: mediaType, size: size, alreadyStored: true))
            default: continue
            }
        }
        guard let manifest = blobs.first(where: { $0.what == "manifest" }) else { return nil }
        self.init(index: blobs.first { $0.what == "index" }, manifest: manifest, config: blobs.first { $0.what == "config" })
        // A diff_id event carries its layer's compressed size: that pairs them. The layers the
        // store already had come first (a pull checks for them before fetching the others), with
        // no diff_id: nothing was fetched or unpacked for them. A diff_id left unpaired is drawn
        // without its layer.
        let fetched: [(layer: Blob?, diffID: String?)] = blobs.filter { $0.what == "layer" }.map { layer in
            let match = diffIDs.firstIndex { $0.size == layer.size }
            return (layer, match.map { diffIDs.remove(at: $0).digest })
        }
        layers = stored.map { ($0, nil) } + diffIDs.map { (nil, $0.digest) } + fetched
    }

    /// What `dockyard inspect --type image` printed: Docker's inspect fields plus Dockyard's
    /// `Manifest` and `ManifestDigest`; nil for any other output.
    init?(inspectJSON: String) {
        struct Descriptor: Decodable { var digest: String; var mediaType: String; var size: Int64 }
        struct Manifest: Decodable { var config: Descriptor; var layers: [Descriptor]; var mediaType: String? }
        struct RootFS: Decodable { var Layers: [String]? }
        struct Inspect: Decodable { var Manifest: Manifest; var ManifestDigest: String?; var RepoTags: [String]?; var RootFS: RootFS? }
        guard inspectJSON.contains("\"Manifest\""),
              let image = try? JSONDecoder().decode([Inspect].self, from: Data(inspectJSON.utf8)).first else { return nil }
        let manifest = Blob(what: "manifest", digest: image.ManifestDigest ?? "", mediaType: image.Manifest.mediaType ?? "", size: nil)
        let tag = image.RepoTags?.first.map { Blob(what: "index.json", digest: $0, mediaType: "org.opencontainers.image.ref.name", size: nil) }
        let diffIDs = image.RootFS?.Layers ?? []
        self.init(index: tag, manifest: manifest,
                  config: Blob(what: "config", digest: image.Manifest.config.digest, mediaType: image.Manifest.config.mediaType, size: image.Manifest.config.size),
                  layers: image.Manifest.layers.enumerated().map { index, layer in
                      (Blob(what: "layer", digest: layer.digest, mediaType: layer.mediaType, size: layer.size), index < diffIDs.count ? diffIDs[index] : nil)
                  })
    }
}
