import ArgumentParser
import FoundationEssentials
import GoTemplate
import ImageStore
import OCI

/// `dockyard history`: the steps that made an image, newest first, like `docker history`.
/// Each step that changed files is a layer with a size; config-only steps (ENV, CMD) show 0B.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the history of an image.",
        discussion: "Each row is one step in the image's config history; a step that added files is a layer, and its SIZE is that layer's.")

    @Option(name: [.customShort("H"), .long], help: "Print sizes and dates in human readable format.") var human = true
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output.") var noTrunc = false
    @Flag(name: [.short, .long], help: "Only show image IDs.") var quiet = false
    @Option(name: .long, help: "Format output using a Go template, 'table' or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The image, by name, ID or ID prefix.") var image: String

    func run() throws {
        let match: ImageMatch
        do { match = try Engine(root: storage.resolvedRoot).image(named: image) } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
        let steps = Self.steps(of: match.image)
        let id = noTrunc ? match.image.id.string : match.image.id.shortID
        if quiet {
            for index in steps.indices { print(index == 0 ? id : "<missing>") }
            return
        }
        let now = Date()
        if let format {
            let rows = steps.enumerated().map { index, step in formatRow(formatFields(step, id: index == 0 ? id : "<missing>", now: now)) }
            try FormatOutput.print(format, defaultTable: Self.defaultTable, rows: rows, header: Self.header,
                                   rowType: "*formatter.historyContext")
            return
        }
        var rows = [["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]]
        for (index, step) in steps.enumerated() {
            let createdBy = String((step.history.createdBy ?? "").map { $0 == "\t" ? " " : $0 })
            rows.append([
                index == 0 ? id : "<missing>",
                created(step.history.created, now: now),
                noTrunc ? createdBy : Self.ellipsis(createdBy, 45),
                human ? DockerUnits.humanSize(step.size) : String(step.size),
                step.history.comment ?? "",
            ])
        }
        print(ImagesCommand.render(rows), terminator: "")
    }

    /// One history entry and the size of the layer it made (0 for an empty layer), newest first.
    static func steps(of image: StoredImage) -> [(history: ImageConfiguration.History, size: Int64)] {
        var layers = image.manifest.layers.makeIterator()
        let steps = (image.config.history ?? []).map { history in
            (history, history.emptyLayer == true ? Int64(0) : layers.next()?.size ?? 0)
        }
        return steps.reversed()
    }

    private func created(_ text: String?, now: Date) -> String {
        guard let text, let seconds = Timestamp.seconds(parsing: text), seconds > 0 else { return "N/A" }
        return human ? TimeAgo.ago(Date(timeIntervalSince1970: Double(seconds)), now: now) : Timestamp.string(seconds: seconds)
    }

    /// Docker's `stringutils.Ellipsis`: at most `width` characters, the last one `…` when cut.
    static func ellipsis(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// Docker's default `history` table and its column names by field (`historyContext`).
    static let defaultTable = #"table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"#
    static let header = TemplateObject([
        ("ID", "IMAGE"), ("CreatedSince", "CREATED"), ("CreatedAt", "CREATED AT"), ("CreatedBy", "CREATED BY"),
        ("Size", "SIZE"), ("Comment", "COMMENT"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

    /// One step as `--format` sees it.
    private func formatFields(_ step: (history: ImageConfiguration.History, size: Int64), id: String, now: Date) -> [String: String] {
        let createdBy = step.history.createdBy ?? ""
        let seconds = step.history.created.flatMap(Timestamp.seconds(parsing:))
        return ["ID": id, "CreatedSince": created(step.history.created, now: now),
                "CreatedAt": seconds.map { GoTime.string(seconds: $0) } ?? "",
                "CreatedBy": noTrunc ? createdBy : Self.ellipsis(createdBy, 45),
                "Size": human ? DockerUnits.humanSize(step.size) : String(step.size), "Comment": step.history.comment ?? ""]
    }
}
