import ArgumentParser
import FoundationEssentials
import ImageStore

/// `dockyard images`: list the images in the store, like `docker images`.
struct ImagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images", abstract: "List images.",
        discussion: "Images live in an OCI image layout under the storage root (<root>/image): skopeo and umoci can read it.")

    @Flag(name: [.short, .long], help: "Only show image IDs.") var quiet = false
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output.") var noTrunc = false
    @Flag(name: .long, help: "Show digests: the manifest digest a registry holds the image under (pulled or pushed).")
    var digests = false
    @Option(name: .long, help: "Format output using a Go template (Docker's: 'table', 'json', or e.g. '{{.Repository}}:{{.Tag}}').")
    var format: String?
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let images = try ImageStore(root: storage.resolvedRoot).images()
        if quiet {
            for image in images { print(id(of: image)) }
            return
        }
        if let format {
            let now = Date()
            try FormatOutput.print(format, defaultTable: Self.defaultTable, rows: images.map { Self.row($0, truncate: !noTrunc, now: now) },
                                   header: Self.header, rowType: "*formatter.imageContext")
            return
        }
        var rows = [["REPOSITORY", "TAG"] + (digests ? ["DIGEST"] : []) + ["IMAGE ID", "CREATED", "SIZE"]]
        let now = Date()
        for image in images {
            let created = image.config.createdSeconds.map { TimeAgo.ago(Date(timeIntervalSince1970: Double($0)), now: now) } ?? "N/A"
            // A pull by digest has no tag, but Docker still lists its repository.
            let repoDigests = image.repoDigests.compactMap(RepoDigest.init)
            let repository = image.reference?.name ?? repoDigests.first?.name ?? "<none>"
            let digest = repoDigests.first { $0.name == repository }?.digest ?? "<none>"
            rows.append([repository, image.reference?.tag ?? "<none>"] + (digests ? [digest] : [])
                        + [id(of: image), created, DockerUnits.humanSize(image.size)])
        }
        print(Self.render(rows), terminator: "")
    }

    /// `name@sha256:…`, split.
    struct RepoDigest {
        let name: String
        let digest: String

        init?(_ text: String) {
            guard let at = text.lastIndex(of: "@") else { return nil }
            name = String(text[..<at])
            digest = String(text[text.index(after: at)...])
        }
    }

    private func id(of image: StoredImage) -> String {
        noTrunc ? image.id.string : image.id.shortID
    }

    /// Docker's table (Go's tabwriter with minwidth 10, padding 3): each column as wide as its
    /// widest cell plus three spaces, and at least ten; the last column unpadded.
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            max(10, (rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0) + 3)
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined() + "\n"
        }.joined()
    }
}
