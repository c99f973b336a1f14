import ArgumentParser
import ContainerRuntime
import FoundationEssentials

/// `dockyard ps`: list containers, like `docker ps`.
struct PsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers.")

    @Flag(name: [.short, .long], help: "Show all containers (default shows just running).") var all = false
    @Flag(name: [.short, .long], help: "Only display container IDs.") var quiet = false
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output.") var noTrunc = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let records = engine.containers.all().filter { all || $0.status == .running }
        if quiet {
            for record in records { print(noTrunc ? record.id.full : record.id.short) }
            return
        }
        var rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES"]]
        for record in records {
            let command = "\"" + (noTrunc ? record.commandLine : Self.truncate(record.commandLine, to: 20)) + "\""
            rows.append([noTrunc ? record.id.full : record.id.short, record.image, command,
                         TimeAgo.ago(record.created), Self.status(of: record), record.name])
        }
        print(Table.render(rows), terminator: "")
    }

    static func status(of record: ContainerRecord) -> String {
        switch record.status {
        case .created: return "Created"
        case .running: return "Up " + TimeAgo.duration(Date().timeIntervalSince(record.startedAt ?? record.created))
            + (record.paused == true ? " (Paused)" : "")
        case .exited:
            return "Exited (\(record.exitCode ?? 0)) " + TimeAgo.ago(record.finishedAt ?? record.created)
        }
    }

    static func truncate(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
