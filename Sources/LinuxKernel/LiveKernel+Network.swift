import CLinux
import Explain
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Bridges, veth pairs, addresses and routes through rtnetlink in C (`dy_netlink.h`: one
/// request and its acknowledgement each, microseconds), and netfilter rules through Debian's
/// `nft` (about 4 ms a run here, measured with `time nft add element …`). A bridged container
/// costs one veth request, three requests in its namespace, and no `nft` run at all unless it
/// publishes ports (one `nft` run to add them, one to remove them). Bridges and the NAT table
/// are made once per network.
extension LiveKernel {
    public func interfaceExists(_ name: String) -> Bool {
        guard networkNamespace != nil else { return if_nametoindex(name) != 0 }
        guard let socket = try? netlink(what: name) else { return false }
        defer { close(socket) }
        return dy_netlink_link_index(socket, name) > 0
    }

    public func interfaceAlias(_ name: String) -> String? {
        // /sys/class/net shows the namespace that mounted /sys: the host's.
        guard networkNamespace == nil else { return nil }
        let text = FileManager.default.contents(atPath: "/sys/class/net/\(name)/ifalias").map { String(decoding: $0, as: UTF8.self) }
        return text?.split(separator: "\n").first.map(String.init)
    }

    public func setInterfaceAlias(_ name: String, _ alias: String) throws {
        guard networkNamespace == nil else { return }
        try FileWriting.write(alias + "\n", to: "/sys/class/net/\(name)/ifalias")
    }

    public func interfaceAddress(_ name: String) -> CIDR? {
        guard networkNamespace == nil else { return nil }
        var address: UInt32 = 0
        var prefix: Int32 = 0
        guard dy_interface_ipv4(name, &address, &prefix) == 0 else { return nil }
        return CIDR(address: IPv4Address(UInt32(bigEndian: address)), prefix: Int(prefix))
    }

    public func hostRoutes() -> [CIDR] {
        // /proc/net/route prints each in_addr (network byte order) as a hex number read in the
        // host's byte order: UInt32(bigEndian:) turns it back into the address's value.
        guard let data = FileManager.default.contents(atPath: "/proc/net/route") else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count > 7, let destination = UInt32(fields[1], radix: 16),
                  let mask = UInt32(fields[7], radix: 16) else { return nil }
            return CIDR(address: IPv4Address(UInt32(bigEndian: destination)), prefix: mask.nonzeroBitCount)
        }
    }

    public func createBridge(_ name: String, address: CIDR) throws {
        let socket = try netlink(what: name)
        defer { close(socket) }
        try Self.check(dy_netlink_create_bridge(socket, name), "create bridge", name)
        let index = dy_netlink_link_index(socket, name)
        try Self.check(index < 0 ? index : 0, "find", name)
        try Self.check(dy_netlink_add_address(socket, index, address.address.networkOrder, Int32(address.prefix)),
                       "add address \(address) to", name)
        events.emit(Event(.bridgeCreated(name: name, index: Int64(index), address: address.description)))
    }

    public func createVeth(host: String, peer: String, containerPid: Int32, bridge: String) throws {
        let socket = try netlink(what: host)
        defer { close(socket) }
        let master = dy_netlink_link_index(socket, bridge)
        try Self.check(master < 0 ? master : 0, "find bridge", bridge)
        try Self.check(dy_netlink_create_veth(socket, host, peer, containerPid, master), "create veth pair", "\(host) <-> \(peer)")
        // The two ends' indexes are for the story alone: a run nobody explains does not ask for
        // them (a request here, and a socket made in the container's namespace for one there).
        guard !(events is DiscardingSink) else { return }
        let hostIndex = dy_netlink_link_index(socket, host)
        let inside = try Self.netlink(pid: containerPid, what: peer)
        defer { close(inside) }
        let peerIndex = dy_netlink_link_index(inside, peer)
        events.emit(Event(.vethCreated(host: host, hostIndex: Int64(hostIndex), peer: peer, peerIndex: Int64(peerIndex),
                                       bridge: bridge, pid: containerPid)))
    }

    public func configureContainerInterface(pid: Int32, interface: String, address: CIDR, gateway: IPv4Address?) throws {
        let socket = try Self.netlink(pid: pid, what: interface)
        defer { close(socket) }
        let index = dy_netlink_link_index(socket, interface)
        try Self.check(index < 0 ? index : 0, "find", "\(interface) in pid \(pid)'s network namespace")
        // The order matters: a route via a gateway is refused until an up interface has an
        // address in the gateway's subnet.
        try Self.check(dy_netlink_add_address(socket, index, address.address.networkOrder, Int32(address.prefix)),
                       "add address \(address) to", interface)
        events.emit(Event(.addressAdded(interface: interface, address: address.description, namespace: "container's")))
        try Self.check(dy_netlink_link_up(socket, index), "bring up", interface)
        events.emit(Event(.interfaceUp(name: interface, namespace: "container's")))
        guard let gateway else { return }   // a second network: its subnet's route only, the default stays
        try Self.check(dy_netlink_add_default_route(socket, gateway.networkOrder, index), "add default route via \(gateway) on", interface)
        events.emit(Event(.routeAdded(destination: "default", gateway: gateway.description, interface: interface,
                                      namespace: "container's")))
    }

    public func deleteInterface(_ name: String, what: String) throws {
        let socket = try netlink(what: name)
        defer { close(socket) }
        let result = dy_netlink_delete_link(socket, name)
        if result == -ENODEV { return }
        try Self.check(result, "delete", name)
        events.emit(Event(.interfaceRemoved(name: name, what: what)))
    }

    public func writeSysctl(_ key: String, _ value: String) throws {
        let path = "/proc/sys/" + key
        if let networkNamespace {   // a net sysctl is looked up in the opening thread's namespace
            try Self.check(dy_netns_write_file(networkNamespace, path, value + "\n"), "write \(value) to", path)
            events.emit(Event(.sysctlWritten(key: key, value: value)))
            return
        }
        let current = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        if current?.split(separator: "\n").first.map(String.init) == value { return }
        try FileWriting.write(value + "\n", to: path)
        events.emit(Event(.sysctlWritten(key: key, value: value)))
    }

    public func applyNetfilter(_ commands: [NetfilterCommand]) throws {
        guard !commands.isEmpty else { return }
        let script = commands.map(\.command).joined(separator: "\n") + "\n"
        let result: HostProgram.Result
        do { result = try nftProgram(["-f", "-"], input: Array(script.utf8)).run() } catch { throw KernelError(error) }
        guard result.waitStatus == 0 else {
            throw NetfilterError(commands: commands.map(\.command),
                                 message: result.errorText.split(separator: "\n").first.map(String.init) ?? "exit status \(result.waitStatus)")
        }
        for command in commands {
            events.emit(Event(.netfilterChanged(command: command.command, purpose: command.purpose)))
        }
    }

    public func listNetfilter(_ object: String) -> String? {
        guard let result = try? nftProgram(["-a", "list"] + object.split(separator: " ").map(String.init)).run(),
              result.waitStatus == 0 else { return nil }
        return result.outputText
    }

    public func reportLease(_ address: CIDR, network: String, released: Bool) {
        events.emit(Event(.addressLeased(address: address.description, network: network, released: released)))
    }

    /// Debian's nftables puts `nft` in /usr/sbin.
    static var nft: String {
        ["/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"].first { access($0, X_OK) == 0 } ?? "/usr/sbin/nft"
    }

    /// `nft` with `arguments`, run in this kernel's network namespace: in another one, through
    /// util-linux's nsenter, which setns(2)es into the pinned namespace and execs nft there.
    func nftProgram(_ arguments: [String], input: [UInt8]? = nil) -> HostProgram {
        guard let networkNamespace else { return HostProgram(Self.nft, arguments, input: input) }
        return HostProgram("/usr/bin/nsenter", ["--net=" + networkNamespace, "--", Self.nft] + arguments, input: input)
    }

    /// A netlink socket where this kernel makes network objects (the host's namespace, or the pinned one).
    func netlink(what: String) throws -> Int32 {
        guard let networkNamespace else { return try Self.netlink(pid: 0, what: what) }
        let socket = dy_netlink_open_at(networkNamespace)
        guard socket >= 0 else { throw KernelError("open a netlink socket in the network namespace at \(networkNamespace) for", path: what, errno: -socket) }
        return socket
    }

    static func netlink(pid: Int32, what: String) throws -> Int32 {
        let socket = dy_netlink_open(pid)
        guard socket >= 0 else {
            throw KernelError(pid == 0 ? "open a netlink socket for" : "open a netlink socket in pid \(pid)'s network namespace for",
                              path: what, errno: -socket)
        }
        return socket
    }

    static func check(_ result: Int32, _ operation: String, _ path: String) throws {
        guard result == 0 else { throw KernelError(operation, path: path, errno: -result) }
    }
}
