import ArgumentParser
import ContainerRuntime
import FoundationEssentials

/// `dockyard ps`: list containers, like `docker ps`.
struct PsCommand: ParsableCommand {
    /// The verb, also read by the quick path (see RunCommand.verb).
    static let verb = "ps"
    static let configuration = CommandConfiguration(commandName: verb, abstract: "List containers.")

    @Flag(name: [.short, .long], help: "Show all containers (default shows just running).") var all = false
    @Option(name: [.short, .long], help: ArgumentHelp("Filter output based on conditions provided (status, name, id, label, ancestor, exited, network, volume, before, since).", valueName: "filter"))
    var filter: [String] = []
    @Option(name: [.customShort("n"), .customLong("last")], help: "Show n last created containers (includes all states).") var last: Int = -1
    @Flag(name: [.short, .long], help: "Show the latest created container (includes all states).") var latest = false
    @Flag(name: [.short, .long], help: "Only display container IDs.") var quiet = false
    @Flag(name: [.short, .long], help: "Display total file sizes.") var size = false
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output.") var noTrunc = false
    @Option(name: .long, help: "Format output using a Go template (Docker's: 'table', 'json', or e.g. '{{.ID}}\\t{{.Names}}').")
    var format: String?
    @OptionGroup var storage: StorageOptions

    func validate() throws {
        do { _ = try ContainerFilter(filter) } catch let error where error.isFlagError {
            throw ValidationError(error.description)
        } catch {}
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let (listed, unreadable) = engine.containers.listing()
        // A record this version cannot read is named, not hidden.
        for broken in unreadable { StandardError.line("dockyard: \(broken.error)") }
        let records: [ContainerRecord]
        do { records = try selected(listed, engine: engine) } catch {
            throw ContainerControl.daemonError(error)
        }
        if quiet && format == nil {
            for record in records { print(noTrunc ? record.id.full : record.id.short) }
            return
        }
        let now = Date()
        let sizes = size ? PsSizes(engine: engine) : nil
        let rows = records.map { Self.row($0, truncate: !noTrunc, now: now, health: Self.health(of: $0, in: engine), size: sizes?.size(of: $0)) }
        try FormatOutput.print(format ?? "table",
                               defaultTable: size ? Self.defaultTableWithSize : Self.defaultTable,
                               rows: rows, header: Self.header, rowType: "*formatter.ContainerContext")
    }

    /// The records to list, newest first: running ones (all with `-a`, a filter on a stopped
    /// state, `-n` or `-l`), through the filter, at most `-n` of them.
    func selected(_ records: [ContainerRecord], engine: Engine) throws -> [ContainerRecord] {
        let filter = try ContainerFilter(filter)
        let limit = latest ? 1 : last
        let stoppedAsked = filter.values["status"]?.contains { $0 != "running" && $0 != "paused" } == true
            || filter.values["exited"] != nil
        let showAll = all || limit > 0 || stoppedAsked
        let references = try filter.isEmpty ? FilterReferences() : Self.references(for: filter, records: records, engine: engine)
        let chosen = records.filter { record in
            let health = filter.values["health"] == nil ? nil : Self.health(of: record, in: engine)?.status
            return (showAll || record.state.isRunning) && (filter.isEmpty || filter.matches(Self.facts(record, health: health), resolved: references))
        }
        return limit > 0 ? Array(chosen.prefix(limit)) : chosen
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

extension FilterError {
    /// A malformed word is the CLI's own error (exit 125); the rest are the engine's (exit 1).
    var isFlagError: Bool {
        if case .badFormat = self { true } else { false }
    }
}
