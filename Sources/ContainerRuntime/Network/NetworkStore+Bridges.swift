import LinuxKernel

/// Where a user network's bridge is made, by who runs the command: as root, in the host's
/// network namespace; rootless, in the user's shared `RootlessNetworkNamespace`.
extension NetworkStore {
    /// The user's shared network namespace when rootless; nil as root (and in a simulation,
    /// which tells root's story).
    public var rootlessNamespace: RootlessNetworkNamespace? {
        !kernel.isSimulated && PrivilegeMode.current.isRootless ? RootlessNetworkNamespace(host: host) : nil
    }

    /// `network`'s bridge, address and netfilter entries (`BridgeSetup`), and rootless, first the
    /// namespace they go in with its pasta.
    public func makeBridge(_ network: NetworkDefinition) throws {
        guard let shared = rootlessNamespace else {
            return try BridgeSetup(kernel: kernel).ensure(network, others: knownNetworks())
        }
        try shared.ensure()
        var bridges = BridgeSetup(kernel: shared.kernel)
        bridges.readsRulesVersion = false
        try bridges.ensure(network, others: userNetworks().filter { $0.name != network.name })
    }

    /// Removes `network`'s bridge and netfilter entries; quiet about what is already gone.
    public func removeBridge(_ network: NetworkDefinition) throws {
        guard let shared = rootlessNamespace else { return try BridgeSetup(kernel: kernel).remove(network) }
        guard shared.exists else { return }   // gone with an earlier holder, and the bridge with it
        try BridgeSetup(kernel: shared.kernel).remove(network)
    }

    /// Rootless, once the last network's record is gone: the shared namespace and its pasta go.
    public func removeRootlessNamespaceIfUnused() throws {
        try rootlessNamespace?.removeIfUnused(remaining: userNetworks())
    }
}
