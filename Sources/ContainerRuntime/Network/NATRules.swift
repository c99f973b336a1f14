import LinuxKernel

/// Dockyard's netfilter objects, as nftables commands. One table, `ip dockyard`, holds them all:
///
/// - a set `subnets` of the bridge networks' subnets, and a postrouting rule that masquerades
///   what leaves them for anywhere else as the host's own address (so a container reaches
///   whatever the host reaches);
/// - maps from a host port (`tcp_any`, `udp_any`) or host address and port (`tcp_addr`,
///   `udp_addr`) to a container's address and port, and DNAT rules that look them up for
///   traffic to any of the host's own addresses: a published port.
///
/// - a set `same_network` of (subnet . subnet) pairs, one per network, and a forward filter that
///   drops traffic from one network's subnet to another's: user networks are isolated from each
///   other, as Docker's DOCKER-ISOLATION chains do. A drop in any table wins, so this holds
///   whatever the host's own firewall accepts.
///
/// - a set `bridges` of the bridges' interface names, and a filter at the very start of
///   prerouting (priority raw, before connection tracking undoes any NAT) that drops what
///   arrives on a bridge for 127.0.0.0/8 or from it: see the loopback paragraph below.
///
/// Per network and per container only map and set *elements* change, which nft adds and
/// deletes by value: no rule handles to remember, and a deletion can never hit another rule.
///
/// Published ports are DNAT rather than a userland proxy (a process copying bytes) because
/// Dockyard has no daemon: a kernel rule works with no process of ours alive, adds no copy and
/// no latency, and a container's own server sees the connection. Reaching it from 127.0.0.1 takes
/// two more things, both here: `route_localnet=1` on the bridge, since the kernel otherwise
/// refuses to route a packet with a loopback source out of a non-loopback interface, and a
/// masquerade for loopback sources, since the container could not answer 127.0.0.1 itself.
///
/// `route_localnet` also makes the bridge accept what a container sends *to* 127.0.0.1: a frame
/// built by hand for the gateway's MAC (a default container has CAP_NET_RAW) reached services the
/// host bound to 127.0.0.1 only, CVE-2020-8558. The `martians` chain drops every packet arriving
/// on a bridge with a loopback destination or source, as kube-proxy does since that CVE. Nothing
/// legitimate carries either: a connection from the host's 127.0.0.1 leaves masqueraded as the
/// gateway's address, so its replies arrive for the gateway and only then become 127.0.0.1 again.
public enum NATRules {
    public static let table = "ip dockyard"

    /// The table, its sets, maps and chains, and their rules: safe to run again (existing
    /// elements are kept; the chains are flushed and refilled in the same transaction).
    public static var declareTable: [NetfilterCommand] {
        let why = "Dockyard's NAT table"
        var commands = [NetfilterCommand("add table \(table)", purpose: why),
                        NetfilterCommand("add set \(table) subnets { type ipv4_addr; flags interval; }", purpose: why),
                        NetfilterCommand("add set \(table) same_network { type ipv4_addr . ipv4_addr; flags interval; }", purpose: why),
                        NetfilterCommand("add set \(table) bridges { type ifname; }", purpose: why)]
        for proto in ["tcp", "udp"] {
            commands.append(NetfilterCommand("add map \(table) \(proto)_any { type inet_service : ipv4_addr . inet_service; }", purpose: why))
            commands.append(NetfilterCommand("add map \(table) \(proto)_addr { type ipv4_addr . inet_service : ipv4_addr . inet_service; }", purpose: why))
        }
        let chains = [
            ("publish", ""),
            ("prerouting", "type nat hook prerouting priority dstnat; policy accept;"),
            ("output", "type nat hook output priority -100; policy accept;"),
            ("postrouting", "type nat hook postrouting priority srcnat; policy accept;"),
            ("isolation", "type filter hook forward priority filter - 10; policy accept;"),
            ("martians", "type filter hook prerouting priority raw; policy accept;"),
        ]
        for (chain, hook) in chains {
            commands.append(NetfilterCommand("add chain \(table) \(chain)" + (hook.isEmpty ? "" : " { \(hook) }"), purpose: why))
            commands.append(NetfilterCommand("flush chain \(table) \(chain)", purpose: why))
        }
        commands += [
            NetfilterCommand("add rule \(table) publish dnat ip to ip daddr . tcp dport map @tcp_addr", purpose: "published tcp ports on one host address"),
            NetfilterCommand("add rule \(table) publish dnat ip to tcp dport map @tcp_any", purpose: "published tcp ports on every host address"),
            NetfilterCommand("add rule \(table) publish dnat ip to ip daddr . udp dport map @udp_addr", purpose: "published udp ports on one host address"),
            NetfilterCommand("add rule \(table) publish dnat ip to udp dport map @udp_any", purpose: "published udp ports on every host address"),
            NetfilterCommand("add rule \(table) prerouting fib daddr type local jump publish", purpose: "arriving traffic for the host's own addresses"),
            NetfilterCommand("add rule \(table) output fib daddr type local jump publish", purpose: "the host's own traffic to its own addresses, 127.0.0.1 included"),
            NetfilterCommand("add rule \(table) postrouting ip saddr @subnets ip daddr != @subnets masquerade",
                             purpose: "containers' traffic leaves with the host's address"),
            NetfilterCommand("add rule \(table) postrouting ip saddr 127.0.0.0/8 ip daddr @subnets masquerade",
                             purpose: "a container can answer a connection from the host's 127.0.0.1"),
            NetfilterCommand("add rule \(table) isolation ip saddr @subnets ip daddr @subnets ip saddr . ip daddr != @same_network drop",
                             purpose: "containers on different networks cannot reach each other"),
            NetfilterCommand("add rule \(table) martians iifname @bridges ip daddr 127.0.0.0/8 drop",
                             purpose: "a container cannot reach what the host bound to 127.0.0.1 (CVE-2020-8558)"),
            NetfilterCommand("add rule \(table) martians iifname @bridges ip saddr 127.0.0.0/8 drop",
                             purpose: "a container cannot pose as the host's loopback"),
        ]
        return commands
    }

    /// A network's elements: its subnet masqueraded, and traffic within it allowed by the isolation rule.
    public static func addSubnet(_ subnet: CIDR, network: String, bridge: String) -> [NetfilterCommand] {
        [NetfilterCommand("add element \(table) subnets { \(subnet) }", purpose: "masquerade network \(network)"),
         NetfilterCommand("add element \(table) bridges { \"\(bridge)\" }", purpose: "no loopback traffic from network \(network)'s bridge"),
         NetfilterCommand("add element \(table) same_network { \(subnet) . \(subnet) }",
                          purpose: "containers of network \(network) may reach each other")]
    }

    public static func deleteSubnet(_ subnet: CIDR, network: String, bridge: String) -> [NetfilterCommand] {
        [NetfilterCommand("delete element \(table) bridges { \"\(bridge)\" }", purpose: "network \(network) removed"),
         NetfilterCommand("delete element \(table) same_network { \(subnet) . \(subnet) }", purpose: "network \(network) removed"),
         NetfilterCommand("delete element \(table) subnets { \(subnet) }", purpose: "network \(network) removed")]
    }

    static func element(_ port: PortMapping, to address: IPv4Address) -> String {
        let key = port.hostIP.map { "\($0) . \(port.hostPort)" } ?? "\(port.hostPort)"
        let map = "\(port.proto)_\(port.hostIP == nil ? "any" : "addr")"
        return "\(table) \(map) { \(key) : \(address) . \(port.containerPort) }"
    }

    public static func publish(_ port: PortMapping, to address: IPv4Address) -> NetfilterCommand {
        NetfilterCommand("add element " + element(port, to: address), purpose: "publish \(port) to \(address)")
    }

    public static func unpublish(_ port: PortMapping, from address: IPv4Address) -> NetfilterCommand {
        NetfilterCommand("delete element " + element(port, to: address), purpose: "unpublish \(port)")
    }

    /// The host's own forward filter (`ip filter FORWARD`, kept by iptables-nft) drops what it
    /// does not know when Docker is installed; and a drop in any table's chain wins over an
    /// accept in ours. So a bridge's forwarding is allowed there, in rules tagged with this
    /// comment and removed by it.
    public static func forwardComment(_ bridge: String) -> String { "dockyard \(bridge)" }

    public static let hostForwardChain = "chain ip filter FORWARD"

    public static func allowForwarding(_ bridge: String) -> [NetfilterCommand] {
        let tag = "comment \"\(forwardComment(bridge))\""
        return [
            NetfilterCommand("insert rule ip filter FORWARD oifname \"\(bridge)\" ct state established,related accept \(tag)",
                             purpose: "replies may reach containers on \(bridge)"),
            NetfilterCommand("insert rule ip filter FORWARD oifname \"\(bridge)\" ct status dnat accept \(tag)",
                             purpose: "published ports may reach containers on \(bridge)"),
            NetfilterCommand("insert rule ip filter FORWARD iifname \"\(bridge)\" accept \(tag)",
                             purpose: "containers on \(bridge) may send (to each other and out)"),
        ]
    }

    /// Deletions of the forward rules tagged for `bridge`, from `nft -a list chain` output.
    public static func disallowForwarding(_ bridge: String, listing: String) -> [NetfilterCommand] {
        let tag = "comment \"\(forwardComment(bridge))\""
        return listing.split(separator: "\n").compactMap { line in
            // `nft -a` ends each rule's line with "# handle N".
            guard line.contains(tag), let handle = line.split(separator: " ").last, handle.allSatisfy(\.isNumber),
                  line.split(separator: " ").dropLast().last == "handle" else { return nil }
            return handle.isEmpty ? nil
                : NetfilterCommand("delete rule ip filter FORWARD handle \(handle)", purpose: "forwarding rule for \(bridge) removed")
        }
    }
}
