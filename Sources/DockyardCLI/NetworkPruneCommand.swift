import ArgumentParser
import ContainerRuntime

/// `dockyard network prune`: remove every user network no running container is on.
struct NetworkPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove all unused networks.")

    @Flag(name: [.short, .long], help: "Do not prompt for confirmation.") var force = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let warning = "WARNING! This will remove all custom networks not used by at least one container."
        guard PruneConfirmation.confirmed(warning, force: force) else { return }
        Self.prune(engine: Engine(root: storage.resolvedRoot))
    }

    /// Removes the unused networks and prints their names under Docker's heading.
    static func prune(engine: Engine) {
        engine.sweep()
        let networks = NetworkStore(root: engine.root, host: engine.host)
        var removed: [String] = []
        for network in networks.userNetworks() {
            guard (try? NetworkRemoveCommand.remove(network, from: networks, engine: engine)) != nil else { continue }
            removed.append(network.name)
        }
        if !removed.isEmpty { print("Deleted Networks:\n" + removed.joined(separator: "\n") + "\n") }
    }
}
