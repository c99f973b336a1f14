import Explain
import LinuxKernel

/// A rootless container on a user network: step 1 of `ContainerNetworking` for a bridge in the
/// user's shared `RootlessNetworkNamespace`. Steps 2 and 3 are root mode's, with the veth's host
/// end made in that namespace (`bridgeKernel(for:)`) and a `PortForwarder` for published ports.
extension ContainerNetworking {
    /// The kernel that makes `attachment`'s bridge-side objects: the host's, or inside the
    /// rootless namespace it names.
    func bridgeKernel(for attachment: NetworkAttachment) -> any Kernel {
        attachment.namespace.map { kernel.inNetworkNamespace(pinnedAt: $0) } ?? kernel
    }

    /// The forwarder of `record`'s published ports, its pid file in the container's directory.
    func portForwarder(for record: ContainerRecord) -> PortForwarder {
        PortForwarder(host: host, pidFile: store.paths(for: record.id).directory + "/forward.pid")
    }

    /// Step 1 on a rootless user network: the shared namespace and its pasta are there (made
    /// again if the holder was restarted since `network create`), so is the bridge, an address is
    /// leased, host ports are chosen; all of it is recorded before any veth exists.
    func prepareOnRootlessNetwork(_ record: inout ContainerRecord) throws -> NetworkAttachment {
        let network = try networks.find(record.config.network.rawValue)
        try PortForwarder.check(record.config.publishedPorts, host: host)
        let shared = RootlessNetworkNamespace(host: host)
        try shared.ensure()
        var bridges = BridgeSetup(kernel: shared.kernel)
        bridges.readsRulesVersion = false
        try bridges.ensure(network, others: networks.userNetworks().filter { $0.name != network.name })
        let attachment = try attach(record, to: network, namespace: shared.path)
        let ports = attachment.ports
        record.networkAttachment = attachment
        record.userModeNetwork = ports.isEmpty ? nil : UserModeAttachment(network: network.name, program: PortForwarder.program, ports: ports)
        kernel.events.emit(Event(.note("network \(network.name) is bridge \(network.bridge) in your rootless network namespace (\(shared.path)): the container's veth goes there"),
                                 simulated: kernel.isSimulated))
        try host.save(record, in: store)
        return attachment
    }
}
