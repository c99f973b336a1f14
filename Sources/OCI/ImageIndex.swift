/// An OCI image index: a list of manifests. In an image layout, `index.json` is one, and its
/// entries' `org.opencontainers.image.ref.name` annotations are the tags.
public struct ImageIndex: Codable, Sendable, Hashable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var manifests: [Descriptor]
    public var annotations: [String: String]?

    public init(manifests: [Descriptor] = [], annotations: [String: String]? = nil) {
        self.schemaVersion = 2
        self.mediaType = MediaType.imageIndex
        self.manifests = manifests
        self.annotations = annotations
    }
}
