import FoundationEssentials
import LinuxKernel

/// What podman's engine does for `pod create`, `start`, `stop`, `rm` and `run --pod`. A pod's
/// namespaces are its infra container's: an ordinary container whose first process is the static
/// `dockyard-init pause` (pid 1 of the pod's pid namespace with `--share pid`, reaping orphans).
/// Its containers join them like `--network container:INFRA` does, so a pod is the same launch
/// plan as any container's, with the infra's namespaces to join.
public struct PodLifecycle: Sendable {
    public let containers: ContainerLifecycle
    public let pods: PodStore
    /// How containers are started in the background (their monitors).
    public let monitor: DetachedStart

    public init(containers: ContainerLifecycle, monitor: DetachedStart) {
        self.containers = containers
        self.pods = PodStore(root: containers.runner.store.root)
        self.monitor = monitor
    }

    var store: ContainerStore { containers.runner.store }

    /// What `pod create` was asked for.
    public struct Request: Sendable {
        public var name: String?
        public var shared: [Namespace]
        /// `-p`: published on the pod's network namespace, through its infra container.
        public var publishedPorts: [PortMapping]
        /// The image the infra container runs its pause process on, and the init binary that is it.
        public var infraImage: RunnableImage
        public var initBinary: String
        /// The host name of its UTS namespace (nil: the pod's name, as podman names it).
        public var hostname: String? = nil

        public init(name: String?, shared: [Namespace], publishedPorts: [PortMapping], infraImage: RunnableImage, initBinary: String) {
            self.name = name
            self.shared = shared
            self.publishedPorts = publishedPorts
            self.infraImage = infraImage
            self.initBinary = initBinary
        }
    }

    /// `pod create`: the pod's record and its infra container, created (podman starts neither).
    public func create(_ request: Request) throws -> PodRecord {
        if !request.publishedPorts.isEmpty && !request.shared.contains(.net) {
            throw RuntimeError(code: .invalidArgument, "you must share network namespace to publish ports")
        }
        let id = ContainerID.random()
        return try pods.withLock {
            let name = try request.name.map(NameRules.containerName) ?? NameGenerator.name(avoiding: Set(pods.all().map(\.name)))
            if pods.all().contains(where: { $0.name == name }) {
                throw RuntimeError(code: .conflict, "adding pod to state: name \"\(name)\" is in use: pod already exists")
            }
            var infra = RunRequest(image: request.infraImage, name: id.short + "-infra", entrypoint: RootFilesystemPlan.initPath,
                                   command: ["pause"], network: request.shared.contains(.net) ? .bridge : .none)
            infra.hostname = request.shared.contains(.uts) ? (request.hostname ?? name) : nil
            infra.initBinary = request.initBinary
            infra.publishedPorts = request.publishedPorts
            infra.ipcMode = request.shared.contains(.ipc) ? .shareable : .private
            infra.pod = id.full
            let record = try containers.runner.create(infra)
            let pod = PodRecord(id: id, name: name, created: Date(), shared: request.shared,
                                hostname: record.config.hostname, infraContainer: record.id)
            do { try pods.save(pod) } catch {
                try? containers.runner.kernel.removeTree(store.paths(for: record.id).directory, what: "container")
                throw error
            }
            return pod
        }
    }

    /// The pod's containers, its infra container first.
    public func members(of pod: PodRecord) -> [ContainerRecord] {
        let records = store.all().filter { $0.config.pod == pod.id.full }
        return records.filter { $0.id == pod.infraContainer } + records.filter { $0.id != pod.infraContainer }
    }

    /// podman's pod status: Created (nothing ever ran), Running (all running), Degraded (the
    /// infra runs, not every container), Exited (the infra does not run).
    public func status(of pod: PodRecord, members: [ContainerRecord]) -> String {
        guard let infra = members.first(where: { $0.id == pod.infraContainer }) else { return "Error" }
        if infra.state.isRunning { return members.allSatisfy(\.state.isRunning) ? "Running" : "Degraded" }
        return members.allSatisfy { $0.state == .created } ? "Created" : "Exited"
    }

    /// `pod start`: the infra container first (its namespaces must exist before anything joins
    /// them), then every container of the pod that is not running.
    public func start(_ nameOrID: String) throws -> PodRecord {
        let pod = try pods.find(nameOrID)
        for member in members(of: pod) where !member.state.isRunning {
            try containers.startDetached(member.id.full, monitor: monitor)
        }
        return pod
    }

    /// `pod stop`: its containers first, then the infra, whose pause process ends on SIGTERM.
    public func stop(_ nameOrID: String, timeout: Int?) throws -> PodRecord {
        let pod = try pods.find(nameOrID)
        for member in members(of: pod).reversed() where member.state.isRunning {
            try containers.stop(member.id.full, timeout: timeout)
        }
        return pod
    }

    /// `pod rm`: the pod, its containers (infra included) and their writable layers. A pod with
    /// a running container is refused unless `force`, which kills them first. Its cgroup goes
    /// with its last container's (CgroupManager.remove).
    public func remove(_ nameOrID: String, force: Bool) throws -> PodRecord {
        let pod = try pods.find(nameOrID)
        let members = members(of: pod)
        if !force, let running = members.first(where: { $0.state.isRunning }) {
            throw RuntimeError(code: .conflict, "pod \(pod.id.full) has containers that are not ready to be removed: cannot remove container \(running.id.full) as it is running - running or paused containers cannot be removed without force: container state improper")
        }
        // The pod's containers before the infra: with a shared pid namespace, killing the infra's
        // pause process (its pid 1) makes the kernel kill them all anyway.
        for member in members.reversed() {
            try containers.remove(member.id.full, force: true, podRemoval: true)
        }
        try pods.withLock { try pods.delete(pod.id) }
        return pod
    }

    /// `run --pod`: the request joins the pod's namespaces (its infra container started if it is
    /// not running, as podman does) and is placed under its cgroup. Ports, a network or a host
    /// name of its own are refused, in podman's words: they belong to the pod.
    public func admit(_ request: inout RunRequest, to nameOrID: String) throws {
        let host = containers.runner.host
        let pod: PodRecord
        do { pod = try pods.find(nameOrID) } catch {
            guard let standIn = host.standIn(pod: nameOrID) else { throw error }   // --simulate's
            pod = standIn
        }
        if !request.publishedPorts.isEmpty && pod.shared.contains(.net) {
            throw RuntimeError(code: .invalidArgument, "invalid config provided: published or exposed ports must be defined when the pod is created: network cannot be configured when it is shared with a pod")
        }
        if request.network != .bridge && pod.shared.contains(.net) {
            throw RuntimeError(code: .invalidArgument, "invalid config provided: networks must be defined when the pod is created: network cannot be configured when it is shared with a pod")
        }
        if request.hostname != nil && pod.shared.contains(.uts) {
            throw RuntimeError(code: .invalidArgument, "invalid config provided: cannot set hostname when joining the pod UTS namespace")
        }
        let infra: ContainerRecord
        do { infra = try store.load(pod.infraContainer) } catch {
            guard let standIn = host.standIn(container: pod.infraContainer.full) else { throw error }
            infra = standIn
        }
        if !infra.state.isRunning { try containers.startDetached(infra.id.full, monitor: monitor) }
        let joined = NamespaceMode.container(infra.id.full)
        if pod.shared.contains(.net) { request.network = .container(infra.id.full) }
        if pod.shared.contains(.ipc) { request.ipcMode = joined }
        if pod.shared.contains(.uts) { request.utsMode = joined }
        if pod.shared.contains(.pid) { request.pidMode = joined }
        request.pod = pod.id.full
    }
}
