import ArgumentParser
import ContainerRuntime
import FoundationEssentials

/// `dockyard ps`: list containers, like `docker ps`.
struct PsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers.")

    @Flag(name: [.short, .long], help: "Show all containers (default shows just running).") var all = false
    @Flag(name: [.short, .long], help: "Only display container IDs.") var quiet = false
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output.") var noTrunc = false
    @Option(name: .long, help: "Format output using a Go template (Docker's: 'table', 'json', or e.g. '{{.ID}}\\t{{.Names}}').")
    var format: String?
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let (listed, unreadable) = engine.containers.listing()
        // A record this version cannot read is named, not hidden.
        for broken in unreadable { StandardError.line("dockyard: \(broken.error)") }
        let records = listed.filter { all || $0.state.isRunning }
        if quiet {
            for record in records { print(noTrunc ? record.id.full : record.id.short) }
            return
        }
        if let format {
            let now = Date()
            let rows = records.map { Self.row($0, truncate: !noTrunc, now: now, health: Self.health(of: $0, in: engine)) }
            try FormatOutput.print(format, defaultTable: Self.defaultTable, rows: rows, header: Self.header,
                                   rowType: "*formatter.ContainerContext")
            return
        }
        var rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES"]]
        for record in records {
            let command = "\"" + (noTrunc ? record.config.commandLine : Self.truncate(record.config.commandLine, to: 20)) + "\""
            rows.append([noTrunc ? record.id.full : record.id.short, record.config.image, command,
                         TimeAgo.ago(record.created), Self.status(of: record, health: Self.health(of: record, in: engine)), record.name])
        }
        print(Table.render(rows), terminator: "")
    }

    /// Docker's STATUS column: `Up 5 seconds`, with the healthcheck's word when it has one
    /// (`Up 5 seconds (healthy)`, `(health: starting)`, `(unhealthy)`).
    static func status(of record: ContainerRecord, health: ContainerHealth? = nil) -> String {
        switch record.state {
        case .created: "Created"
        case let .running(process):
            "Up " + TimeAgo.duration(Date().timeIntervalSince(process.startedAt)) + (health.map { " (\($0.summary))" } ?? "")
        case let .paused(process): "Up " + TimeAgo.duration(Date().timeIntervalSince(process.startedAt)) + " (Paused)"
        case let .exited(exit): "Exited (\(exit.code)) " + TimeAgo.ago(exit.finishedAt)
        }
    }

    /// The health its monitor last wrote, for a running container with a healthcheck.
    static func health(of record: ContainerRecord, in engine: Engine) -> ContainerHealth? {
        guard record.state.isRunning, record.config.healthcheck?.probeCommand != nil else { return nil }
        return ContainerHealth.load(engine.containers.paths(for: record.id))
    }

    static func truncate(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
