import OCI

/// An image as the store holds it: the name it was found by, its manifest (which layers, which
/// config) and its config (how to run it). Its `id` is the config's digest, as in Docker.
public struct StoredImage: Sendable, Hashable {
    /// The tag it was found by; nil for an index entry without a name.
    public let reference: ImageReference?
    /// The digest of the manifest: this exact image, content and config.
    public let manifestDigest: Digest
    /// The image ID: the config's digest (`IMAGE ID` shows its first 12 hex digits).
    public let id: Digest
    public let manifest: ImageManifest
    public let config: ImageConfiguration
    /// The layers' total size in bytes as stored (Docker's SIZE column).
    public let size: Int64
    /// Where registries hold it (`name@sha256:…`), from its index.json entry: pulled or pushed.
    public var repoDigests: [String] = []

    public init(reference: ImageReference?, manifestDigest: Digest, manifest: ImageManifest, config: ImageConfiguration) {
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.id = manifest.config.digest
        self.manifest = manifest
        self.config = config
        self.size = manifest.layers.reduce(0) { $0 + $1.size }
    }

    /// `busybox:latest`, or the short ID for an unnamed image.
    public var displayName: String { reference?.description ?? id.shortID }
}
