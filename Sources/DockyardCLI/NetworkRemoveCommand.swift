import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard network rm`: a user network's netfilter entries, bridge, address pool and record;
/// rootless, with the last network, the shared network namespace and its pasta too.
struct NetworkRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more networks.", aliases: ["remove"])

    @Option(name: .long, help: ArgumentHelp("Print what is removed (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Networks, by name or id.") var names: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        let networks = NetworkStore(root: engine.root, host: engine.host)
        var failed = false
        for name in names {
            do {
                try Self.remove(try networks.find(name), from: networks, engine: engine)
                print(name)
            } catch {
                StandardError.line("Error response from daemon: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Removes a user network that no running container is on: its netfilter entries, bridge,
    /// address pool and record (rootless, with the last one, its namespace and pasta). `network
    /// prune` removes each unused network this way.
    static func remove(_ network: NetworkDefinition, from networks: NetworkStore, engine: Engine) throws {
        guard !network.builtIn else { throw RuntimeError(code: .invalidArgument, "\(network.name) is a pre-defined network and cannot be removed") }
        try networks.withLock {
            let users = engine.containers.all().filter { record in
                record.state.exit == nil
                    && ([record.networkAttachment].compactMap { $0 } + record.extraAttachments).contains { $0.network == network.name }
            }
            guard users.isEmpty else {
                throw RuntimeError(code: .conflict, "error while removing network: network \(network.name) id \(network.id) has active endpoints (\(users.map(\.name).joined(separator: ", ")))")
            }
            try networks.removeBridge(network)
            AddressPool(bridge: network.bridge, subnet: network.subnet, gateway: network.gateway).remove()
            networks.delete(network)
            try networks.removeRootlessNamespaceIfUnused()   // rootless: with the last network, its namespace and pasta
        }
    }
}
