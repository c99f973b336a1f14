import LinuxKernel

/// `docker network connect` and `disconnect`: a running container joins another bridge network
/// with a second veth pair — its host end on that network's bridge, its peer moved into the
/// container's network namespace as eth1 (eth2, …) with an address from that network's pool and
/// no default route (the first network keeps it) — and leaves it again.
extension ContainerNetworking {
    /// Joins `networkName`; the attachment is recorded (and saved) before the veth exists.
    public func connect(_ record: inout ContainerRecord, to networkName: String) throws {
        guard let pid = record.state.process?.pid else {
            throw RuntimeError(code: .notRunning, "Container \(record.id.full) is not running: dockyard connects running containers only")
        }
        guard !userMode, record.networkAttachment != nil else {
            throw RuntimeError(code: .invalidArgument, "container \(record.name) is not on a bridge network of its own (network \(record.config.network.rawValue)): it cannot join another")
        }
        // The exit of a --rm container does not read its record back (run's hot path), so it
        // would never learn of a second attachment to tear down.
        guard !record.config.autoRemove else {
            throw RuntimeError(code: .invalidArgument, "container \(record.name) was started with --rm: dockyard does not connect it to another network")
        }
        let network = try networks.find(networkName)
        let joined = [record.networkAttachment].compactMap { $0 } + record.extraAttachments
        if joined.contains(where: { $0.network == network.name }) {
            throw RuntimeError(code: .conflict, "endpoint with name \(record.name) already exists in network \(network.name)")
        }
        try BridgeSetup(kernel: kernel).ensure(network, others: networks.knownNetworks())
        let number = (1...).first { n in !record.extraAttachments.contains { $0.interface == "eth\(n)" } } ?? 1
        var attachment = try attach(record, to: network, publishing: [])
        attachment.interface = "eth\(number)"
        attachment.hostInterface = "d\(number)" + record.id.short
        record.extraAttachments.append(attachment)
        try host.save(record, in: store)   // recorded first: a failure below is cleaned up from it
        do {
            try bridgeKernel(for: attachment).createVeth(host: attachment.hostInterface, peer: attachment.containerInterface,
                                                         containerPid: pid, bridge: attachment.bridge)
            try kernel.configureContainerInterface(pid: pid, interface: attachment.containerInterface,
                                                   address: attachment.address, gateway: nil)
        } catch {
            try? disconnect(&record, from: network.name)
            throw error
        }
    }

    /// Leaves a network `connect` joined: its veth pair goes (both ends) and its address goes back.
    public func disconnect(_ record: inout ContainerRecord, from networkName: String) throws {
        guard let index = record.extraAttachments.firstIndex(where: { $0.network == networkName }) else {
            if record.networkAttachment?.network == networkName {
                throw RuntimeError(code: .invalidArgument, "container \(record.name) was started on network \(networkName): dockyard cannot take its first network away while it runs")
            }
            throw RuntimeError(code: .notFound, "container \(record.id.full) is not connected to network \(networkName)")
        }
        let attachment = record.extraAttachments.remove(at: index)
        disconnect(attachment, of: record)
        try host.save(record, in: store)
    }
}
