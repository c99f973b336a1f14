import LinuxKernel

extension ContainerLifecycle {
    /// `docker pause`: freezes every process of the container through its cgroup (freezer.state
    /// on v1, cgroup.freeze on v2). A frozen process is not scheduled at all, and keeps its memory.
    public func pause(_ nameOrID: String) throws {
        let record = try find(nameOrID)
        switch record.state {
        case let .running(process):
            try runner.cgroups.manager(for: record).setFrozen(true, kernel: kernel)
            try update(record.id) { $0.state = .paused(process) }
            journal("pause", record)
        case .paused:
            throw RuntimeError(code: .conflict, "Container \(record.id.full) is already paused")
        case .created, .exited:
            throw Self.notRunning(record)
        }
    }

    /// `docker unpause`: thaws what `pause` froze.
    public func unpause(_ nameOrID: String) throws {
        let record = try find(nameOrID)
        switch record.state {
        case let .paused(process):
            try runner.cgroups.manager(for: record).setFrozen(false, kernel: kernel)
            try update(record.id) { $0.state = .running(process) }
            journal("unpause", record)
        case .running:
            throw RuntimeError(code: .conflict, "Container \(record.id.full) is not paused")
        case .created, .exited:
            throw Self.notRunning(record)
        }
    }
}
