import Explain

/// The simulated network: every object is told as the live kernel would tell it on a fresh
/// host (so the bridge is always "made"), with made-up interface indexes; nothing is created.
extension SimulatedKernel {
    public func interfaceExists(_ name: String) -> Bool { false }
    public func interfaceAddress(_ name: String) -> CIDR? { nil }
    public func interfaceAlias(_ name: String) -> String? { nil }
    public func setInterfaceAlias(_ name: String, _ alias: String) throws {}
    public func hostRoutes() -> [CIDR] { [] }

    public func createBridge(_ name: String, address: CIDR) throws {
        tell(.bridgeCreated(name: name, index: 3, address: address.description))
    }

    public func createVeth(host: String, peer: String, containerPid: Int32, bridge: String) throws {
        tell(.vethCreated(host: host, hostIndex: 4, peer: peer, peerIndex: 2, bridge: bridge, pid: containerPid))
    }

    public func configureContainerInterface(pid: Int32, interface: String, address: CIDR, gateway: IPv4Address?) throws {
        tell(.addressAdded(interface: interface, address: address.description, namespace: "container's"))
        tell(.interfaceUp(name: interface, namespace: "container's"))
        guard let gateway else { return }
        tell(.routeAdded(destination: "default", gateway: gateway.description, interface: interface, namespace: "container's"))
    }

    public func deleteInterface(_ name: String, what: String) throws {
        tell(.interfaceRemoved(name: name, what: what))
    }

    public func writeSysctl(_ key: String, _ value: String) throws {
        tell(.sysctlWritten(key: key, value: value))
    }

    public func applyNetfilter(_ commands: [NetfilterCommand]) throws {
        for command in commands { tell(.netfilterChanged(command: command.command, purpose: command.purpose)) }
    }

    public func listNetfilter(_ object: String) -> String? { nil }

    public func reportLease(_ address: CIDR, network: String, released: Bool) {
        tell(.addressLeased(address: address.description, network: network, released: released))
    }

    /// A plausible pid: the next one after the container's first process.
    public func startNetworkHelper(_ launch: NetworkHelperLaunch) throws -> Int32 {
        let pid = launch.containerPid + 1
        tell(.networkHelperStarted(program: launch.program, pid: pid, arguments: launch.arguments, ports: launch.ports))
        return pid
    }

    public func stopNetworkHelper(program: String, pid: Int32, startTime: UInt64?) throws {
        tell(.networkHelperStopped(program: program, pid: pid))
    }

    private func tell(_ kind: Event.Kind) {
        events.emit(Event(kind, simulated: true))
    }
}

/// Pinned network namespaces, told: the simulation has one network, the host's.
extension SimulatedKernel {
    public func inNetworkNamespace(pinnedAt path: String) -> any Kernel { self }

    public func createNetworkNamespace(pinnedAt path: String, purpose: String) throws {
        events.emit(Event(.note(purpose), simulated: true))
        events.emit(Event(.mounted(type: "nsfs", source: "net:[4026532400]", target: path, options: ["bind"]), simulated: true))
    }

    public func networkNamespaceExists(pinnedAt path: String) -> Bool { false }

    public func removeNetworkNamespace(pinnedAt path: String, purpose: String) throws {
        events.emit(Event(.removed(path: path, what: purpose), simulated: true))
    }
}
