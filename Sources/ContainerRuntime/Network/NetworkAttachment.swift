import LinuxKernel

/// What one start of a container connected to a bridge network, kept in its record before any
/// of it is made: its leased address, the host end of its veth pair, and its published ports
/// (DNAT map entries). Teardown, and the janitor after a crash, remove exactly this.
public struct NetworkAttachment: Codable, Sendable, Equatable {
    public var network: String
    public var bridge: String
    /// The container's eth0 address, with the subnet's prefix.
    public var address: CIDR
    public var gateway: IPv4Address
    /// The host end of the veth pair ("dy" + short id); its peer is the container's eth0.
    public var hostInterface: String
    /// Ports published this start, host ports resolved.
    public var ports: [PortMapping]
    /// Where the bridge and the veth's host end are: nil for the host's network namespace, or the
    /// pin of rootless mode's shared one (`RootlessNetworkNamespace`). Older records have none.
    public var namespace: String?
    /// Its name inside the container: nil for eth0, the first; `network connect` adds eth1, ….
    public var interface: String?

    public init(network: String, bridge: String, address: CIDR, gateway: IPv4Address, hostInterface: String,
                ports: [PortMapping], namespace: String? = nil) {
        self.network = network
        self.bridge = bridge
        self.address = address
        self.gateway = gateway
        self.hostInterface = hostInterface
        self.ports = ports
        self.namespace = namespace
    }

    /// The interface name inside the container.
    public static let containerInterface = "eth0"

    /// The name this attachment's veth has inside the container.
    public var containerInterface: String { interface ?? Self.containerInterface }
}
