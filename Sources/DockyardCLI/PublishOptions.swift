import ArgumentParser
import ContainerRuntime

/// `run`'s `-p/--publish` and `-P/--publish-all`: the container's ports reachable through the
/// host's (DNAT entries in Dockyard's nftables table; see ContainerRuntime's NATRules).
struct PublishOptions: ParsableArguments {
    @Option(name: [.customShort("p"), .long],
            help: ArgumentHelp("Publish a container's port to the host.", valueName: "[ip:]hostPort:containerPort[/tcp|udp]"))
    var publish: [String] = []
    @Flag(name: [.customShort("P"), .customLong("publish-all")], help: "Publish every port the image EXPOSEs on a free host port.")
    var publishAll = false

    func validate() throws {
        for spec in publish {
            do { _ = try PortMapping(parsing: spec) } catch { throw ValidationError("\(error)") }
        }
    }

    /// The ports to publish: `-p` ones, then with `-P` each exposed port not already there.
    func ports(exposed: [String]) throws -> [PortMapping] {
        var ports = try publish.map { try PortMapping(parsing: $0) }
        if publishAll {
            for port in exposed.compactMap(PortMapping.init(exposed:))
            where !ports.contains(where: { $0.containerPort == port.containerPort && $0.proto == port.proto }) {
                ports.append(port)
            }
        }
        return ports
    }

    /// `request` with the ports to publish.
    func publishing(_ exposed: [String], in request: RunRequest) throws -> RunRequest {
        var request = request
        request.publishedPorts = try ports(exposed: exposed)
        return request
    }

    /// Ports need a bridge network: with `none` or `host` Docker ignores them with a warning.
    func check(network: String) {
        if (!publish.isEmpty || publishAll) && !ContainerNetworking.isBridged(network) && !network.hasPrefix("container:") {
            StandardError.line("WARNING: Published ports are discarded when using \(network) network mode")
        }
    }
}
