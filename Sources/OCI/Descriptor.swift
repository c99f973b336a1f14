/// An OCI content descriptor: a typed, sized pointer to a blob by its digest.
///
/// Manifests point to their config and layers with descriptors, and an index points to manifests
/// with them; a reader checks both the size and the digest of what it fetches.
public struct Descriptor: Codable, Sendable, Hashable {
    public var mediaType: String
    public var digest: Digest
    public var size: Int64
    public var annotations: [String: String]?
    public var platform: Platform?

    public init(mediaType: String, digest: Digest, size: Int64,
                annotations: [String: String]? = nil, platform: Platform? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
        self.platform = platform
    }
}

/// The well-known annotation keys Dockyard reads and writes.
public enum AnnotationKey {
    /// On an index entry, the image's name and tag (`busybox:latest`); umoci and skopeo select by it.
    public static let refName = "org.opencontainers.image.ref.name"
    /// When the image was created (RFC 3339).
    public static let created = "org.opencontainers.image.created"
}

extension Descriptor {
    /// An index entry for an image of some platform, not an attestation (BuildKit files those as
    /// `unknown/unknown`) or an entry without a platform.
    public var isPlatformImage: Bool {
        guard let platform else { return false }
        return platform.os != "unknown" && platform.architecture != "unknown"
    }
}
