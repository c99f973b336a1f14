import OCI

/// The two ways an image travels as one file.
///
/// - `docker`: a docker-archive, what `docker save` wrote for years and every `docker load`
///   reads: `manifest.json` (config and layer paths, tags), `repositories`, the config as
///   `<id>.json`, and each layer as `<layer id>/layer.tar`.
/// - `oci`: an OCI image layout in a tar: `oci-layout`, `index.json` naming each manifest
///   (the tag in `org.opencontainers.image.ref.name`, Docker's and containerd's name in
///   `io.containerd.image.name`), and every blob under `blobs/sha256/`.
public enum ArchiveFormat: String, Sendable, CaseIterable {
    case docker, oci
}

/// One image to put in an archive, and the tags to record for it (none when named by ID,
/// as Docker does: the archive then loads as an untagged image).
public struct ExportRequest: Sendable {
    public let image: StoredImage
    public let tags: [ImageReference]

    public init(image: StoredImage, tags: [ImageReference]) {
        self.image = image
        self.tags = tags
    }
}

/// `manifest.json` in a docker-archive: one entry per image, paths relative to the archive root.
struct DockerArchiveManifest: Codable {
    var config: String
    var repoTags: [String]?
    var layers: [String]

    enum CodingKeys: String, CodingKey {
        case config = "Config", repoTags = "RepoTags", layers = "Layers"
    }
}

/// Annotation keys found on the entries of an archive's index.json.
enum ArchiveAnnotation {
    /// containerd's (and Docker 25's) full image name, e.g. `docker.io/library/busybox:latest`.
    static let containerdName = "io.containerd.image.name"
}

extension ImageReference {
    /// The fully qualified name containerd and Docker write: `docker.io/library/busybox:latest`.
    var qualifiedName: String? {
        guard let tagged = taggedName else { return nil }
        let components = name.split(separator: "/")
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" {
            return tagged
        }
        return "docker.io/" + (components.count == 1 ? "library/" : "") + tagged
    }
}
