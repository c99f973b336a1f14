import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import LinuxKernel

/// `dockyard network inspect`: a network's bridge, subnet and the containers on it, as JSON.
struct NetworkInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show a network's details as JSON.")

    @Option(name: [.short, .long], help: "Format the output using a Go template, or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Networks, by name or id.") var names: [String]

    struct Inspection: Encodable {
        var Name: String
        var Id: String
        var Driver = "bridge"
        var Bridge: String
        var Subnet: String
        var Gateway: String
        var Created: Date
        var Containers: [String: Endpoint]
    }

    struct Endpoint: Encodable {
        var Name: String
        var IPv4Address: String
        var HostInterface: String
        var Ports: [String]
    }

    func run() throws {
        let template = try InspectFormat.template(for: format)
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let networks = NetworkStore(root: engine.root, host: engine.host)
        var found: [Inspection] = []
        var failed = false
        let records = engine.containers.all()
        for name in names {
            guard let network = try? networks.find(name) else {
                StandardError.line("Error: No such network: \(name)")
                failed = true
                continue
            }
            var endpoints: [String: Endpoint] = [:]
            for record in records where record.state.exit == nil {
                guard let a = record.networkAttachment, a.network == network.name else { continue }
                endpoints[record.id.full] = Endpoint(Name: record.name, IPv4Address: a.address.description,
                                                     HostInterface: a.hostInterface, Ports: a.ports.map(\.description))
            }
            found.append(Inspection(Name: network.name, Id: network.id, Bridge: network.bridge, Subnet: network.subnet.description,
                                    Gateway: network.gateway.description, Created: network.created, Containers: endpoints))
        }
        if let template {
            if try !InspectFormat.print(template, objects: found) { throw ExitCode(1) }
        } else {
            print(try InspectJSON.render(found))
        }
        if failed { throw ExitCode(1) }
    }
}
