import ArgumentParser

/// `dockyard network`: bridge networks, as `docker network` manages them.
struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Manage networks.",
        discussion: """
        Each network is a Linux bridge with a subnet; each container on it gets a veth pair whose \
        other end is its eth0. The default network, bridge, is dockyard0. Containers on one user \
        network reach each other by name.
        """,
        subcommands: [NetworkCreateCommand.self, NetworkListCommand.self, NetworkInspectCommand.self, NetworkRemoveCommand.self, NetworkPruneCommand.self,
                      NetworkConnectCommand.self, NetworkDisconnectCommand.self])
}
