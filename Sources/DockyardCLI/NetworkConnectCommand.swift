import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard network connect NETWORK CONTAINER`: a running container joins another user network
/// through a second veth pair (eth1 inside), as `docker network connect` does.
struct NetworkConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "connect", abstract: "Connect a container to a network.")

    @Option(name: .long, help: ArgumentHelp("Print every kernel object as it is created (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The network, by name or id.") var network: String
    @Argument(help: "The container, by name or id.") var container: String

    func run() throws {
        try NetworkMembership.change(network, container, storage: storage, explain: explain, action: "connect") { networking, record, name in
            try networking.connect(&record, to: name)
        }
    }
}

/// `dockyard network disconnect NETWORK CONTAINER`: the container leaves a network `connect`
/// joined; its veth pair is deleted and its address given back.
struct NetworkDisconnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disconnect", abstract: "Disconnect a container from a network.")

    @Flag(name: [.short, .long], help: "Force the container to disconnect from a network.") var force = false
    @Option(name: .long, help: ArgumentHelp("Print what is removed (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The network, by name or id.") var network: String
    @Argument(help: "The container, by name or id.") var container: String

    func run() throws {
        try NetworkMembership.change(network, container, storage: storage, explain: explain, action: "disconnect") { networking, record, name in
            try networking.disconnect(&record, from: name)
        }
    }
}

/// What connect and disconnect share: finding both, the change, Docker's event and errors.
enum NetworkMembership {
    static func change(_ networkName: String, _ containerName: String, storage: StorageOptions, explain: ExplainMode?,
                       action: String, _ body: (ContainerNetworking, inout ContainerRecord, String) throws -> Void) throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        do {
            let network = try NetworkStore(root: engine.root, host: engine.host).find(networkName)
            var record = try engine.containers.find(containerName)
            try body(ContainerNetworking(store: engine.containers, host: engine.host), &record, network.name)
            engine.host.journal(EngineEvent(type: "network", action: action, id: network.id,
                                            attributes: ["container": record.id.full, "name": network.name, "type": "bridge"]),
                                in: engine.containers)
        } catch {
            throw ContainerControl.daemonError(error)
        }
    }
}
