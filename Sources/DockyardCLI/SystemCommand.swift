import ArgumentParser
import Builder
import ImageStore

/// `dockyard system`: the engine as a whole, as `docker system` groups it — disk usage, prune,
/// and `info` and `events` by their other names.
struct SystemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "system", abstract: "Manage Dockyard.",
        subcommands: [SystemDfCommand.self, EventsCommand.self, InfoCommand.self, SystemPruneCommand.self])
}

/// `dockyard system prune`: stopped containers, unused networks, dangling (with `-a`, unused)
/// images and the build cache; with `--volumes`, anonymous volumes no container uses.
struct SystemPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused data.")

    @Flag(name: [.short, .long], help: "Remove all unused images not just dangling ones.") var all = false
    @Flag(name: .long, help: "Prune anonymous volumes.") var volumes = false
    @Flag(name: [.short, .long], help: "Do not prompt for confirmation.") var force = false
    @OptionGroup var storage: StorageOptions

    /// Docker's list of what goes, in its order.
    var warning: String {
        var lines = ["WARNING! This will remove:", "  - all stopped containers", "  - all networks not used by at least one container"]
        if volumes { lines.append("  - all anonymous volumes not used by at least one container") }
        lines.append(all ? "  - all images without at least one container associated to them" : "  - all dangling images")
        lines.append(all ? "  - all build cache" : "  - unused build cache")
        return lines.joined(separator: "\n") + "\n"
    }

    func run() throws {
        guard PruneConfirmation.confirmed(warning, force: force) else { return }
        let engine = Engine(root: storage.resolvedRoot)
        var reclaimed = ContainerPruneCommand.prune(engine: engine)
        NetworkPruneCommand.prune(engine: engine)
        if volumes { reclaimed += VolumePruneCommand.prune(all: false, root: engine.root) }
        // The cache's entries go first, so the image prune sweeps the layers only they kept.
        let cached = BuildCacheUsage.entries(root: engine.root)
        BuildCacheUsage.removeAll(root: engine.root)
        reclaimed += try ImagePruneCommand.prune(all: all, storage: storage).reclaimedBytes
        if !cached.isEmpty { print("Deleted build cache objects:\n" + cached.map(\.key).joined(separator: "\n") + "\n") }
        print("Total reclaimed space: \(DockerUnits.humanSize(reclaimed))")
    }
}
