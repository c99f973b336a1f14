import ArgumentParser
import ContainerRuntime

/// `dockyard network ls`: the modes and networks a container can use, as `docker network ls`.
struct NetworkListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List networks.", aliases: ["list"])

    @Flag(name: [.short, .long], help: "Only display network IDs.") var quiet = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        let networks = NetworkStore(root: engine.root, host: engine.host)
        var rows: [[String]] = []
        if let bridge = try? networks.defaultNetwork() {
            rows.append([String(bridge.id.prefix(12)), bridge.name, "bridge", bridge.subnet.description, bridge.bridge])
        }
        rows.append(["host".padding(12), "host", "host", "", ""])
        rows.append(["none".padding(12), "none", "null", "", ""])
        for network in networks.userNetworks() {
            rows.append([String(network.id.prefix(12)), network.name, "bridge", network.subnet.description, network.bridge])
        }
        if quiet {
            for row in rows { print(row[0]) }
            return
        }
        print(Table.render([["NETWORK ID", "NAME", "DRIVER", "SUBNET", "BRIDGE"]] + rows), terminator: "")
    }
}

private extension String {
    /// The modes have no id; a fixed-width stand-in keeps the column straight.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
