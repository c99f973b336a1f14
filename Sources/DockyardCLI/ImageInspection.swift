import ImageStore
import OCI

/// An image as `docker image inspect` shows it: its ID (the config's digest), its tags, the
/// run defaults from its config, its layers as diff_ids, and — beyond Docker — the OCI manifest
/// that ties the config and the layer blobs together.
struct ImageInspection: Encodable {
    let id: String
    let repoTags: [String]
    let repoDigests: [String]
    let parent = ""
    let comment: String
    let created: String
    let author: String
    let config: ContainerConfig?
    let architecture: String
    let variant: String?
    let os: String
    let size: Int64
    let rootFS: RootFS
    let history: [ImageConfiguration.History]
    let manifestDigest: String
    let manifest: ImageManifest

    /// Docker's `RootFS`: `{"Type": "layers", "Layers": [diff_id, …]}`.
    struct RootFS: Encodable {
        let type: String
        let layers: [String]

        enum CodingKeys: String, CodingKey { case type = "Type", layers = "Layers" }
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id", repoTags = "RepoTags", repoDigests = "RepoDigests", parent = "Parent"
        case comment = "Comment", created = "Created", author = "Author", config = "Config"
        case architecture = "Architecture", variant = "Variant", os = "Os", size = "Size"
        case rootFS = "RootFS", history = "History", manifestDigest = "ManifestDigest", manifest = "Manifest"
    }

    /// `repoDigests`: where registries hold this image (`name@sha256:…`), empty until it is
    /// pulled or pushed, as in Docker.
    init(_ match: ImageMatch, repoDigests: [String]) {
        let image = match.image
        id = image.id.string
        repoTags = match.tags.map(\.description)
        self.repoDigests = repoDigests
        comment = image.config.history?.last?.comment ?? ""
        created = image.config.created ?? ""
        author = image.config.author ?? ""
        config = image.config.config
        architecture = image.config.architecture
        variant = image.config.variant
        os = image.config.os
        size = image.size
        rootFS = RootFS(type: image.config.rootfs.type, layers: image.config.rootfs.diffIDs.map(\.string))
        history = image.config.history ?? []
        manifestDigest = image.manifestDigest.string
        manifest = image.manifest
    }
}
