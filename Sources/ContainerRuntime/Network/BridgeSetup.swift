import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Makes and removes a network's host-side kernel objects: the bridge with its gateway
/// address, `route_localnet` on it (for published ports on 127.0.0.1; NATRules says why that
/// is safe), IPv4 forwarding, the NAT table with the subnet's masquerade, isolation and
/// loopback entries, and the host firewall's permission to forward for it. Containers then only add a veth.
public struct BridgeSetup: Sendable {
    public let kernel: any Kernel
    /// Whether an existing bridge's alias tells which rules it was made with. False in rootless
    /// mode's shared namespace, whose aliases /sys cannot show (it shows the host's namespace):
    /// every bridge there was made by this dockyard, with the current rules, since the namespace
    /// lives no longer than the user's holder.
    public var readsRulesVersion = true

    public init(kernel: any Kernel) {
        self.kernel = kernel
    }

    /// Makes what is missing. When the bridge exists this is one if_nametoindex(3) call: the rest
    /// was made with it (a `systemctl restart nftables` flushes the NAT table; `network rm` and a
    /// new run, or deleting the bridge, make it again).
    ///
    /// `others` are the networks whose bridges already exist: their isolation entries are added
    /// again with the table, so networks made before the isolation rule existed keep working.
    public func ensure(_ network: NetworkDefinition, others: @autoclosure () -> [NetworkDefinition] = []) throws {
        if kernel.interfaceExists(network.bridge) {
            // A bridge made by an older dockyard has an older rule set (no loopback filter, say):
            // its alias says which, and the table is declared again, which is idempotent.
            if !readsRulesVersion || kernel.interfaceAlias(network.bridge) == Self.rulesVersion { return }
            return try applyRules(network, others: others())
        }
        // Routing between the bridge and the host's other interfaces is IPv4 forwarding.
        try kernel.writeSysctl("net/ipv4/ip_forward", "1")
        do {
            try kernel.createBridge(network.bridge, address: network.gatewayInterface)
        } catch let error as KernelError where error.errno == EEXIST {
            return   // another dockyard made it a moment ago, and sets up the rest
        }
        try applyRules(network, others: others())
    }

    /// Which set of netfilter rules a bridge was made with, kept as the bridge's alias
    /// (/sys/class/net/BRIDGE/ifalias): one file read tells whether they need declaring again.
    static let rulesVersion = "dockyard rules 2: loopback filtered"

    private func applyRules(_ network: NetworkDefinition, others: [NetworkDefinition]) throws {
        try kernel.writeSysctl("net/ipv4/conf/\(network.bridge)/route_localnet", "1")
        var commands = NATRules.declareTable
        for each in [network] + others where each.subnet != network.subnet || each.name == network.name {
            commands += NATRules.addSubnet(each.subnet, network: each.name, bridge: each.bridge)
        }
        if kernel.listNetfilter(NATRules.hostForwardChain) != nil {
            commands += NATRules.allowForwarding(network.bridge)
        }
        try kernel.applyNetfilter(commands)
        try kernel.setInterfaceAlias(network.bridge, Self.rulesVersion)
    }

    /// Removes the network's bridge and netfilter entries; quiet about what is already gone.
    public func remove(_ network: NetworkDefinition) throws {
        if let listing = kernel.listNetfilter(NATRules.hostForwardChain) {
            try? kernel.applyNetfilter(NATRules.disallowForwarding(network.bridge, listing: listing))
        }
        try? kernel.applyNetfilter(NATRules.deleteSubnet(network.subnet, network: network.name, bridge: network.bridge))
        try kernel.deleteInterface(network.bridge, what: "network \(network.name)'s bridge")
    }
}
