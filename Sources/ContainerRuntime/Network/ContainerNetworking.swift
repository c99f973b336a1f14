import Explain
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Connects one container to a bridge network and disconnects it, in the kernel's order:
///
/// 1. `prepare` (before the process exists): the network's bridge and NAT exist, an address
///    is leased, host ports are chosen, and all of it is written to the container's record;
/// 2. `connect` (in the new process's `beforeExec`, while it builds its filesystem): a veth
///    pair with its peer created as eth0 in the container's network namespace, eth0's address,
///    up, a default route via the bridge, published ports' DNAT entries, and peers told;
/// 3. `disconnect` (after exit, or by the janitor from the record): the veth pair, the DNAT
///    entries and the lease go, and peers are told.
///
/// In user mode (rootless) the default network is pasta instead (`UserModeNetwork`), in the
/// same three steps, recorded as a `UserModeAttachment`. A user network in user mode is a bridge
/// again, in the user's shared `RootlessNetworkNamespace` (ContainerNetworking+Rootless.swift):
/// the same veth, address and peers, with a `PortForwarder` for published ports instead of DNAT.
public struct ContainerNetworking: Sendable {
    public let store: ContainerStore
    /// Where leases, records and locks go (`LiveHost`, or `SimulatedHost`).
    public let host: any Host
    public let poolDirectory: String
    /// Rootless: the default network is a user-mode stack (pasta), not a veth on a bridge, and
    /// user-defined networks' bridges are in the user's shared network namespace. Set by the
    /// caller; false keeps the root path.
    public var userMode = false
    public var kernel: any Kernel { host.kernel }

    public init(store: ContainerStore, host: any Host, poolDirectory: String = AddressPool.defaultDirectory) {
        self.store = store
        self.host = host
        self.poolDirectory = poolDirectory
    }

    /// Networking on the host `kernel` belongs to.
    public init(store: ContainerStore, kernel: any Kernel, poolDirectory: String = AddressPool.defaultDirectory) {
        self.init(store: store, host: kernel.host, poolDirectory: poolDirectory)
    }

    var networks: NetworkStore { NetworkStore(root: store.root, host: host) }

    /// Whether a `--network` value means a bridge network (the default one or a user network).
    public static func isBridged(_ network: String) -> Bool {
        network != "none" && network != "host" && !network.hasPrefix("container:")
    }

    func pool(_ network: NetworkDefinition) -> AddressPool {
        AddressPool(bridge: network.bridge, subnet: network.subnet, gateway: network.gateway, directory: poolDirectory)
    }

    /// pasta for `record`, its pid file in the container's directory.
    func userModeNetwork(for record: ContainerRecord) -> UserModeNetwork {
        UserModeNetwork(host: host, pidFile: store.paths(for: record.id).directory + "/pasta.pid")
    }

    /// Step 1. Returns nil for `none` and `host`. Saves the record with its attachment.
    /// In user mode, records a `UserModeAttachment` (ports chosen, no pasta yet) and returns nil.
    public func prepare(_ record: inout ContainerRecord) throws -> NetworkAttachment? {
        guard Self.isBridged(record.config.network.rawValue) else { return nil }
        if userMode && record.config.network.rawValue != NetworkStore.defaultName {
            return try prepareOnRootlessNetwork(&record)
        }
        if userMode {
            let helper = userModeNetwork(for: record)
            try helper.check(network: record.config.network.rawValue, ports: record.config.publishedPorts)
            record.userModeNetwork = helper.prepare(network: record.config.network.rawValue,
                                                    ports: try resolveHostPorts(record.config.publishedPorts))
            try host.save(record, in: store)
            return nil
        }
        let network = try networks.find(record.config.network.rawValue)
        try BridgeSetup(kernel: kernel).ensure(network, others: networks.knownNetworks())
        let attachment = try attach(record, to: network)
        record.networkAttachment = attachment
        // Recorded before the veth and DNAT entries exist: a crash from here on is cleaned up.
        try host.save(record, in: store)
        return attachment
    }

    /// An address leased from the network's pool and the host ports chosen (the lease given back
    /// if the ports cannot be), as the container's attachment; `namespace` is where its bridge is
    /// when not the host's (rootless).
    func attach(_ record: ContainerRecord, to network: NetworkDefinition, namespace: String? = nil,
                publishing requested: [PortMapping]? = nil) throws -> NetworkAttachment {
        let address = try host.leaseAddress(from: pool(network), container: record.id,
                                            containerDirectory: store.paths(for: record.id).directory)
        kernel.reportLease(address, network: network.name, released: false)
        let ports: [PortMapping]
        do {
            ports = try resolveHostPorts(requested ?? record.config.publishedPorts)
        } catch {
            _ = host.releaseAddress(address.address, container: record.id, to: { pool(network) })
            throw error
        }
        return NetworkAttachment(network: network.name, bridge: network.bridge, address: address,
                                 gateway: network.gateway, hostInterface: "dy" + record.id.short, ports: ports,
                                 namespace: namespace)
    }

    /// The published ports with their host ports: a free one picked for `-p CONTAINERPORT` and
    /// `-P`, a given one checked to be free on the host.
    func resolveHostPorts(_ requested: [PortMapping]) throws -> [PortMapping] {
        var ports: [PortMapping] = []
        for var port in requested {
            if port.hostPort == 0 { port.hostPort = try HostPorts.free(port) }
            else { try host.checkHostPortFree(port) }
            guard !ports.contains(where: { $0.hostPort == port.hostPort && $0.proto == port.proto }) else {
                throw RuntimeError(code: .conflict, "Bind for \(port.hostIP?.description ?? "0.0.0.0"):\(port.hostPort) failed: port is already allocated")
            }
            ports.append(port)
        }
        return ports
    }

    /// Step 2, for the container whose first process is `pid` (alive, not yet exec'd). In user
    /// mode pasta starts, and its pid goes into `record`, which the caller saves next (the runner
    /// does, with the container's own pid).
    public func connect(_ record: inout ContainerRecord, pid: Int32) throws {
        if let prepared = record.userModeNetwork, record.networkAttachment == nil {
            record.userModeNetwork = try userModeNetwork(for: record).start(prepared, containerPid: pid)
            return
        }
        guard let attachment = record.networkAttachment else { return }
        try bridgeKernel(for: attachment).createVeth(host: attachment.hostInterface, peer: NetworkAttachment.containerInterface,
                                                     containerPid: pid, bridge: attachment.bridge)
        try kernel.configureContainerInterface(pid: pid, interface: NetworkAttachment.containerInterface,
                                               address: attachment.address, gateway: attachment.gateway)
        if let namespace = attachment.namespace {
            // Rootless: published ports are a forwarder's, started now that eth0 has its address.
            if let prepared = record.userModeNetwork {
                record.userModeNetwork = try portForwarder(for: record).start(prepared, to: attachment, namespace: namespace)
            }
        } else if !attachment.ports.isEmpty {
            do {
                try kernel.applyNetfilter(attachment.ports.map { NATRules.publish($0, to: attachment.address.address) })
            } catch {
                // nft refuses a second map element for the same host address and port: say it the
                // way Docker does, naming the port.
                guard (error as? NetfilterError)?.errno == EEXIST else { throw error }
                let taken = attachment.ports.map { "\($0.hostIP.map { "\($0)" } ?? "0.0.0.0"):\($0.hostPort)" }
                throw RuntimeError(code: .conflict, "Bind for \(taken.joined(separator: ", ")) failed: port is already allocated")
            }
        }
        try refreshPeers(on: attachment.network, joining: record)
    }

    /// Step 3: removes what `attachment` says was made; safe to run twice, or on a half-made one.
    ///
    /// `namespaceGone`: the container's processes have all exited, so its network namespace is
    /// being destroyed, and the kernel deletes the veth pair with it (asynchronously, in a
    /// worker). Deleting it ourselves (RTM_DELLINK) would wait ~17 ms here for an RCU grace
    /// period on the start-to-exit path, so then it is left to the kernel. The janitor passes
    /// false and deletes it, in case anything kept the namespace alive.
    public func disconnect(_ attachment: NetworkAttachment, of record: ContainerRecord, namespaceGone: Bool = false) {
        if namespaceGone {
            kernel.events.emit(Event(.interfaceRemoved(name: attachment.hostInterface,
                                                       what: "the veth pair goes with the container's network namespace"),
                                     simulated: kernel.isSimulated))
        } else {
            try? bridgeKernel(for: attachment).deleteInterface(attachment.hostInterface, what: "the container's veth pair, both ends")
        }
        if !attachment.ports.isEmpty && attachment.namespace == nil {   // rootless: the forwarder's, stopped by disconnectAll
            let deletions = attachment.ports.map { NATRules.unpublish($0, from: attachment.address.address) }
            // One transaction; if an entry is already gone nft refuses them all, so then one by one.
            if (try? kernel.applyNetfilter(deletions)) == nil {
                for deletion in deletions { try? kernel.applyNetfilter([deletion]) }
            }
        }
        if host.releaseAddress(attachment.address.address, container: record.id,
                               to: { (try? networks.find(attachment.network)).map(pool) }) {
            kernel.reportLease(attachment.address, network: attachment.network, released: true)
        }
        try? refreshPeers(on: attachment.network, leaving: record)
    }

    /// Step 3 in user mode: pasta is stopped (SIGTERM) and seen to be gone. It does not go by
    /// itself when the container exits: it holds the network namespace open.
    public func disconnect(_ attachment: UserModeAttachment, of record: ContainerRecord) {
        userModeNetwork(for: record).stop(attachment)
    }

    /// Step 3 for whatever `record` says this start made — a bridge attachment, pasta, or
    /// neither — which the record then no longer lists. `namespaceGone` as for a bridge.
    public func disconnectAll(from record: inout ContainerRecord, namespaceGone: Bool = false) {
        if let attachment = record.userModeNetwork {   // pasta, or a forwarder: they outlive the container's processes
            if record.networkAttachment == nil { disconnect(attachment, of: record) }
            else { portForwarder(for: record).stop(attachment) }
            record.userModeNetwork = nil
        }
        for attachment in record.extraAttachments {   // networks joined by `network connect`
            disconnect(attachment, of: record, namespaceGone: namespaceGone)
        }
        record.extraAttachments = []
        if let attachment = record.networkAttachment {   // veth, DNAT entries, address lease
            disconnect(attachment, of: record, namespaceGone: namespaceGone)
            record.networkAttachment = nil
        }
    }

    /// The container's /etc/resolv.conf text at start when its network decides it (user mode:
    /// pasta answers DNS at its own address); nil to keep the host's.
    public func resolvConf(for record: ContainerRecord) -> String? {
        // On a rootless user network the shared namespace's pasta answers at the same address.
        guard record.userModeNetwork != nil || record.networkAttachment?.namespace != nil else { return nil }
        return PastaArguments.resolvConf(host: host.readFile("/etc/resolv.conf") ?? "")
    }

    /// The container's /etc/hosts text at start (peers are added by `connect`).
    public func hostsFile(for record: ContainerRecord) -> String? {
        guard let attachment = record.networkAttachment else { return nil }
        return HostsFile.contents(for: record, address: attachment.address.address, peers: [])
    }

    /// On a user network, rewrites the /etc/hosts of every container on it (the joining one
    /// included), so each lists the others by name.
    func refreshPeers(on networkName: String, joining: ContainerRecord? = nil, leaving: ContainerRecord? = nil) throws {
        guard let network = try? networks.find(networkName), network.resolvesPeers else { return }
        try networks.withLock {
            var members = host.records(in: store).filter {
                $0.state.exit == nil && $0.networkAttachment?.network == networkName
                    && $0.id != joining?.id && $0.id != leaving?.id
            }
            // Alone on the network, the joining container's file already lists no peer.
            guard !members.isEmpty else { return }
            if let joining { members.append(joining) }
            for member in members {
                guard let attachment = member.networkAttachment else { continue }
                let path = store.paths(for: member.id).hosts
                let text = HostsFile.contents(for: member, address: attachment.address.address, peers: members)
                if host.readFile(path) != text {
                    try? kernel.writeFile(path, contents: text, purpose: "the /etc/hosts of \(member.name) on network \(networkName)")
                }
            }
        }
    }
}

/// Small file reads for the network code.
enum ContainerRunnerFiles {
    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
