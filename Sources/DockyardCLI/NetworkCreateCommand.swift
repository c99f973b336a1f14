import ArgumentParser
import ContainerRuntime
import Explain
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard network create`: a user network — its record, then its bridge, address, NAT (rootless:
/// in the user's shared network namespace, made with the first network).
struct NetworkCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a network.")

    @Option(name: .long, help: ArgumentHelp("Subnet in CIDR form (default: a free 10.89.N.0/24).", valueName: "cidr"))
    var subnet: String?
    @Option(name: .long, help: ArgumentHelp("Driver (only bridge).", valueName: "driver")) var driver: String = "bridge"
    @Option(name: .long, help: ArgumentHelp("Print every kernel object as it is created (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The network's name.") var name: String

    func validate() throws {
        if let subnet, CIDR(subnet) == nil { throw ValidationError("invalid subnet \(subnet): expected CIDR, e.g. 10.89.7.0/24") }
        if driver != "bridge" { throw ValidationError("plugin \"\(driver)\" not found: only the bridge driver exists") }
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        do {
            let networks = NetworkStore(root: engine.root, host: engine.host)
            let definition = try networks.create(name: name, subnet: subnet.flatMap(CIDR.init))
            do {
                try networks.makeBridge(definition)
            } catch {
                try? networks.removeBridge(definition)
                networks.delete(definition)
                try? networks.removeRootlessNamespaceIfUnused()
                throw error
            }
            print(definition.id)
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }
}
