/// The OCI image configuration: what an image's filesystem is made of (`rootfs.diff_ids`),
/// how a container from it should run by default (`config`), and how it was made (`history`).
///
/// Its digest is the image ID Docker shows. JSON keys are exactly the image spec's.
public struct ImageConfiguration: Codable, Sendable, Hashable {
    /// When the image was created, RFC 3339 (e.g. `2023-01-01T00:00:00Z`); see `createdDate`.
    public var created: String?
    public var author: String?
    public var architecture: String
    public var os: String
    public var variant: String?
    /// The defaults for a container run from this image.
    public var config: ContainerConfig?
    public var rootfs: RootFS
    public var history: [History]?

    public init(created: String? = nil, author: String? = nil, architecture: String, os: String,
                variant: String? = nil, config: ContainerConfig? = nil, rootfs: RootFS, history: [History]? = nil) {
        self.created = created
        self.author = author
        self.architecture = architecture
        self.os = os
        self.variant = variant
        self.config = config
        self.rootfs = rootfs
        self.history = history
    }

    /// `created` as seconds since 1970, or nil when absent or unreadable.
    public var createdSeconds: Int64? { created.flatMap(Timestamp.seconds(parsing:)) }

    /// The layers' content, listed bottom to top by the digests of their *uncompressed* tarballs.
    public struct RootFS: Codable, Sendable, Hashable {
        /// Always "layers".
        public var type: String
        public var diffIDs: [Digest]

        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }

        public init(diffIDs: [Digest]) {
            self.type = "layers"
            self.diffIDs = diffIDs
        }
    }

    /// One step in how the image was made, e.g. one Dockerfile instruction.
    /// `emptyLayer` is true for steps that only changed the config.
    public struct History: Codable, Sendable, Hashable {
        public var created: String?
        public var createdBy: String?
        public var author: String?
        public var comment: String?
        public var emptyLayer: Bool?

        enum CodingKeys: String, CodingKey {
            case created
            case createdBy = "created_by"
            case author, comment
            case emptyLayer = "empty_layer"
        }

        public init(created: String? = nil, createdBy: String? = nil, author: String? = nil,
                    comment: String? = nil, emptyLayer: Bool? = nil) {
            self.created = created
            self.createdBy = createdBy
            self.author = author
            self.comment = comment
            self.emptyLayer = emptyLayer
        }
    }
}
