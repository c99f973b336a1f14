import LinuxKernel

/// Shared namespaces (`--network container:`, `--pid`, `--ipc`, `--uts`, a pod's): checked and
/// resolved to the other container's id at create, and turned into the namespaces to make and the
/// ones to join at each start — the other container must be running then, since its namespaces
/// are reached through its first process's /proc/PID/ns files.
extension ContainerRunner {
    /// Docker's rules for a request that shares namespaces, and every `container:NAME` replaced
    /// by that container's full id (as Docker records it). Returns the hostname of the container
    /// whose uts (else network) namespace it shares, which it takes as its own.
    func resolveSharing(_ request: inout RunRequest, existing: [ContainerRecord]) throws -> String? {
        func donor(_ nameOrID: String) throws -> ContainerRecord {
            if let exact = existing.first(where: { $0.id.full == nameOrID || $0.name == nameOrID }) { return exact }
            let matches = existing.filter { $0.id.full.hasPrefix(nameOrID) }
            if matches.count == 1 { return matches[0] }
            guard let standIn = host.standIn(container: nameOrID) else { throw RuntimeError(code: .notFound, "No such container: \(nameOrID)") }
            return standIn
        }
        var networkDonor: ContainerRecord?
        if let target = request.network.container {
            // Docker: a container in another's network namespace has neither ports nor a name of its own there.
            if !request.publishedPorts.isEmpty {
                throw RuntimeError(code: .invalidArgument, "conflicting options: port publishing and the container type network mode")
            }
            if request.hostname != nil {
                throw RuntimeError(code: .invalidArgument, "conflicting options: hostname and the network mode")
            }
            let found = try donor(target)
            request.network = .container(found.id.full)
            networkDonor = found
        }
        if request.utsMode == .host && request.hostname != nil {
            throw RuntimeError(code: .invalidArgument, "conflicting options: hostname and the UTS mode")
        }
        if let target = request.pidMode.container { request.pidMode = .container(try donor(target).id.full) }
        if let target = request.ipcMode.container { request.ipcMode = .container(try donor(target).id.full) }
        let utsDonor = try request.utsMode.container.map(donor)
        if let utsDonor { request.utsMode = .container(utsDonor.id.full) }
        let shares = request.network.container != nil || [request.pidMode, request.ipcMode, request.utsMode].contains { $0.container != nil }
        if shares && request.userNamespace {
            // setns(2) into a namespace needs CAP_SYS_ADMIN in the user namespace that owns it: the
            // host's, which a process in a user namespace of its own does not have.
            throw RuntimeError(code: .invalidArgument, "conflicting options: --userns remap and sharing another container's namespaces")
        }
        return (utsDonor ?? networkDonor)?.config.hostname
    }

    /// The namespaces the container's first process makes with clone(2): all but the ones it
    /// shares with the host or joins.
    func ownNamespaces(_ config: ContainerConfiguration) -> [Namespace] {
        let privateModes = config.pidMode == .private && config.utsMode == .private && config.ipcMode == .private
        if privateModes && config.network.container == nil && !config.cgroupnsHost {   // the usual run: one literal, no appends
            return config.network == .host ? [.mount, .pid, .uts, .ipc, .cgroup] : [.mount, .pid, .uts, .ipc, .net, .cgroup]
        }
        var namespaces: [Namespace] = [.mount]
        if config.pidMode == .private { namespaces.append(.pid) }
        if config.utsMode == .private { namespaces.append(.uts) }
        if config.ipcMode == .private || config.ipcMode == .shareable { namespaces.append(.ipc) }
        if config.network != .host && config.network.container == nil { namespaces.append(.net) }
        return config.cgroupnsHost ? namespaces : namespaces + [.cgroup]   // --cgroupns host: the host's
    }

    /// Another running container's namespaces this start enters, by its first process's
    /// /proc/PID/ns files; Docker's errors when that container is not running, or its IPC is
    /// not shareable.
    func joinedNamespaces(_ config: ContainerConfiguration) throws -> [JoinedNamespace] {
        guard config.network.container != nil || config.pidMode.container != nil || config.ipcMode.container != nil
            || config.utsMode.container != nil else { return [] }   // the usual run, kept cheap at start-up
        var joined: [JoinedNamespace] = []
        // The kernel's order is the plan's (LaunchPlan): pid at clone, then ipc, uts, net.
        let wanted: [(Namespace, String?, String)] = [
            (.pid, config.pidMode.container, "PID"), (.ipc, config.ipcMode.container, "IPC"),
            (.uts, config.utsMode.container, "UTS"), (.net, config.network.container, "network"),
        ]
        for (namespace, target, name) in wanted {
            guard let target else { continue }
            let donor: ContainerRecord
            do { donor = try store.load(ContainerID(full: target)) } catch {
                if let standIn = host.standIn(container: target) { joined.append(JoinedNamespace(namespace, of: standIn.state.process?.pid ?? 1)); continue }
                throw RuntimeError(code: .notFound, "cannot join \(name) namespace of a non running container: No such container: \(target)")
            }
            guard let process = donor.state.process else {
                let state = donor.state.exit == nil ? "created" : "exited"
                throw RuntimeError(code: .conflict, "cannot join \(name) namespace of a non running container: container \(donor.name) is \(state)")
            }
            if namespace == .ipc && donor.config.ipcMode != .shareable {
                throw RuntimeError(code: .invalidArgument, "container \(target): non-shareable IPC (hint: use IpcMode:shareable for the donor container)")
            }
            joined.append(JoinedNamespace(namespace, of: process.pid))
        }
        return joined
    }
}
