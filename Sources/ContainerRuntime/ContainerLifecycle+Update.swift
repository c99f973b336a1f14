import LinuxKernel

/// What `docker update` may change on a container, running or not: its cgroup limits and its
/// restart policy. A nil field is left as it is.
public struct ContainerUpdate: Sendable {
    public var memoryBytes: Int64?
    public var cpus: Double?
    /// `--pids-limit`: a positive number, or -1 for no limit.
    public var pids: Int64?
    public var restartPolicy: RestartPolicy?

    public init(memoryBytes: Int64? = nil, cpus: Double? = nil, pids: Int64? = nil, restartPolicy: RestartPolicy? = nil) {
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.pids = pids
        self.restartPolicy = restartPolicy
    }

    /// The control files this update writes.
    var changed: LimitChange {
        var changed: LimitChange = []
        if memoryBytes != nil { changed.insert(.memory) }
        if cpus != nil { changed.insert(.cpus) }
        if pids != nil { changed.insert(.pids) }
        return changed
    }

    /// `limits` with this update's values in place.
    func applied(to limits: ResourceLimits) -> ResourceLimits {
        var limits = limits
        if let memoryBytes { limits.memoryBytes = memoryBytes }
        if let cpus { limits.cpus = cpus }
        if let pids { limits.pids = pids > 0 ? pids : nil }
        return limits
    }
}

extension ContainerLifecycle {
    /// `docker update`: the new limits are written to the running container's cgroup files first
    /// (so a limit the kernel refuses, such as memory below what it already uses, changes
    /// nothing), then kept in its record, where the next start reads them.
    @discardableResult
    public func update(_ nameOrID: String, _ change: ContainerUpdate) throws -> ContainerRecord {
        let record = try find(nameOrID)
        let limits = change.applied(to: record.config.limits)
        try runner.cgroups.checkLimits(limits)
        if change.restartPolicy != nil && record.config.autoRemove && change.restartPolicy != RestartPolicy.no {
            throw RuntimeError(code: .invalidArgument, "Cannot update container \(record.id.full): Restart policy cannot be updated because AutoRemove is enabled for the container")
        }
        if record.state.isRunning, !change.changed.isEmpty {
            try runner.cgroups.manager(for: record.id, limits: record.config.limits).setLimits(limits, changed: change.changed, kernel: kernel)
        }
        let updated = try update(record.id) {
            $0.config.limits = limits
            if let policy = change.restartPolicy { $0.config.restartPolicy = policy }
        }
        journal("update", updated)
        return updated
    }

    /// `docker rename`: a new name, checked as `create` checks one and unique among containers.
    public func rename(_ nameOrID: String, to newName: String) throws {
        let record = try find(nameOrID)
        let name = try NameRules.containerName(newName)
        if name == record.name {
            throw RuntimeError(code: .invalidArgument, "Renaming a container with the same name as its current name")
        }
        if let owner = store.all().first(where: { $0.name == name }) {
            throw RuntimeError(code: .conflict, "Error when allocating new name: Conflict. The container name \"/\(name)\" is already in use by container \"\(owner.id.full)\". You have to remove (or rename) that container to be able to reuse that name.")
        }
        let renamed = try update(record.id) { $0.name = name }
        journal("rename", renamed, ["oldName": "/" + record.name])
    }
}
