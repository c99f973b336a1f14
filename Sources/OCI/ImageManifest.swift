/// An OCI image manifest: one image for one platform, as a config blob plus an ordered list of layers.
///
/// The layers are applied bottom (first) to top (last) to make the root filesystem; the config
/// says how to run it. The manifest's own digest identifies this exact combination.
public struct ImageManifest: Codable, Sendable, Hashable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var config: Descriptor
    public var layers: [Descriptor]
    public var annotations: [String: String]?

    public init(config: Descriptor, layers: [Descriptor], annotations: [String: String]? = nil) {
        self.schemaVersion = 2
        self.mediaType = MediaType.imageManifest
        self.config = config
        self.layers = layers
        self.annotations = annotations
    }
}
