import ArgumentParser
import ContainerRuntime
import GoTemplate

/// `dockyard network ls`: the modes and networks a container can use, as `docker network ls`.
struct NetworkListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List networks.", aliases: ["list"])

    @Flag(name: [.short, .long], help: "Only display network IDs.") var quiet = false
    @Flag(name: .customLong("no-trunc"), help: "Do not truncate the output.") var noTrunc = false
    @Option(name: .long, help: "Format output using a Go template, 'table' or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions

    /// Dockyard's default table: Docker's columns, then the subnet and the bridge each network is.
    static let defaultTable = #"table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Subnet}}\t{{.Bridge}}"#
    /// The column names by field (Docker's `networkHeader`, with Dockyard's two).
    static let header = TemplateObject([
        ("ID", "NETWORK ID"), ("Name", "NAME"), ("Driver", "DRIVER"), ("Scope", "SCOPE"), ("IPv6", "IPV6"),
        ("Internal", "INTERNAL"), ("Labels", "LABELS"), ("CreatedAt", "CREATED"), ("Subnet", "SUBNET"), ("Bridge", "BRIDGE"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        let networks = NetworkStore(root: engine.root, host: engine.host)
        var rows: [[String: String]] = []
        func add(_ id: String, _ name: String, _ driver: String, _ subnet: String, _ bridge: String) {
            rows.append(["ID": noTrunc ? id : String(id.prefix(12)), "Name": name, "Driver": driver, "Scope": "local",
                         "IPv6": "false", "Internal": "false", "Labels": "", "CreatedAt": "", "Subnet": subnet, "Bridge": bridge])
        }
        if let bridge = try? networks.defaultNetwork() {
            add(bridge.id, bridge.name, "bridge", bridge.subnet.description, bridge.bridge)
        }
        // The modes have no id; a fixed-width stand-in keeps the column straight.
        add("host        ", "host", "host", "", "")
        add("none        ", "none", "null", "", "")
        for network in networks.userNetworks() {
            add(network.id, network.name, "bridge", network.subnet.description, network.bridge)
        }
        try FormatOutput.print(quiet && format == nil ? "{{.ID}}" : format ?? "table", defaultTable: Self.defaultTable,
                               rows: rows.map(formatRow), header: Self.header, rowType: "*formatter.networkContext")
    }
}
