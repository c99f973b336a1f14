import FoundationEssentials
import LinuxKernel

/// A bridge network: in the kernel, one Linux bridge (`dockyard0` for the default network,
/// `dy-<id>` for each user network) holding its subnet's gateway address, plus the subnet's
/// masquerade entry in Dockyard's nftables table. Containers on it each get a veth pair.
public struct NetworkDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var id: String
    /// The bridge interface's name (at most 15 characters, the kernel's IFNAMSIZ).
    public var bridge: String
    public var subnet: CIDR
    public var gateway: IPv4Address
    public var created: Date
    /// The default `bridge` network: always there, never removed (as Docker keeps docker0).
    public var builtIn: Bool

    public init(name: String, id: String, bridge: String, subnet: CIDR, gateway: IPv4Address, created: Date, builtIn: Bool) {
        self.name = name
        self.id = id
        self.bridge = bridge
        self.subnet = subnet
        self.gateway = gateway
        self.created = created
        self.builtIn = builtIn
    }

    /// The gateway with the subnet's prefix: the address the bridge itself holds.
    public var gatewayInterface: CIDR { CIDR(address: gateway, prefix: subnet.prefix) }

    /// Name resolution between containers by /etc/hosts is for user networks, as in Docker.
    public var resolvesPeers: Bool { !builtIn }
}
