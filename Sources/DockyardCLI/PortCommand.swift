import ArgumentParser
import ContainerRuntime

/// `dockyard port`: a container's published ports, as `docker port` lists them.
struct PortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "port", abstract: "List port mappings for a container.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String
    @Argument(help: ArgumentHelp("Only this port.", valueName: "PRIVATE_PORT[/PROTO]")) var port: String?

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let record: ContainerRecord
        do { record = try engine.containers.find(container) } catch {
            StandardError.line("Error: \(error)")
            throw ExitCode(1)
        }
        let ports = record.publishedPorts.filter { mapping in
            guard let port else { return true }
            let parts = port.split(separator: "/")
            return String(mapping.containerPort) == parts.first.map(String.init) && (parts.count < 2 || parts[1] == mapping.proto)
        }
        if let port, ports.isEmpty {
            StandardError.line("Error: No public port '\(port)' published for \(container)")
            throw ExitCode(1)
        }
        for mapping in ports {
            print(port == nil ? mapping.description : "\(mapping.hostIP?.description ?? "0.0.0.0"):\(mapping.hostPort)")
        }
    }
}
