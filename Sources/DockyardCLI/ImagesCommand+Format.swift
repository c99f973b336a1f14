import FoundationEssentials
import GoTemplate
import ImageStore

/// `images --format`: each image as Docker's `imageContext` shows it to a template.
extension ImagesCommand {
    /// Docker's default `images` table.
    static let defaultTable = #"table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}"#

    /// The column names `table` prints, by field (Docker's `imageCtx.Header`).
    static let header = TemplateObject([
        ("ID", "IMAGE ID"), ("Repository", "REPOSITORY"), ("Tag", "TAG"), ("Digest", "DIGEST"),
        ("CreatedSince", "CREATED"), ("CreatedAt", "CREATED AT"), ("Size", "SIZE"), ("Containers", "CONTAINERS"),
        ("SharedSize", "SHARED SIZE"), ("UniqueSize", "UNIQUE SIZE"), ("VirtualSize", "VIRTUAL SIZE"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

    static func row(_ image: StoredImage, truncate: Bool, now: Date) -> TemplateValue {
        let created = image.config.createdSeconds
        let digests = image.repoDigests.compactMap(RepoDigest.init)
        let repository = image.reference?.name ?? digests.first?.name ?? "<none>"
        return formatRow([
            "ID": truncate ? image.id.shortID : image.id.string,
            "Repository": repository,
            "Tag": image.reference?.tag ?? "<none>",
            // The registry's digest; an image that was never pushed or pulled has none.
            "Digest": digests.first { $0.name == repository }?.digest ?? "<none>",
            "CreatedSince": created.map { TimeAgo.ago(Date(timeIntervalSince1970: Double($0)), now: now) } ?? "",
            "CreatedAt": created.map { GoTime.string(seconds: $0) } ?? "",
            "Size": DockerUnits.humanSize(image.size),
            "VirtualSize": DockerUnits.humanSize(image.size),
            "Containers": "N/A",
            "SharedSize": "N/A",
            "UniqueSize": "N/A",
        ])
    }
}
