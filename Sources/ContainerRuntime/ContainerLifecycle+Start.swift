import LinuxKernel

extension ContainerLifecycle {
    /// `docker start` in the background: clears an earlier stop request (so `--restart` applies
    /// again) and hands the container to a new monitor. Returns false if it was already running.
    @discardableResult
    public func startDetached(_ nameOrID: String, monitor: DetachedStart) throws -> Bool {
        let record = try find(nameOrID)
        guard !record.state.isRunning else { return false }
        try update(record.id) { $0.stopRequested = false }
        try monitor.start(record.id)
        return true
    }

    /// `docker start -a`: runs the container in this process until it exits, like `run` without
    /// `-d`. Returns nil if it was already running.
    public func startAttached(_ nameOrID: String, io: ContainerIO) throws -> ContainerRunner.Outcome? {
        let record = try find(nameOrID)
        guard !record.state.isRunning else { return nil }
        return try runner.start(try update(record.id) { $0.stopRequested = false }, io: io)
    }

    /// `docker restart`: `stop` (waiting `timeout` seconds, or the container's own), then start it
    /// again in the background on its kept writable layer. Returns false when there was nothing to
    /// start again: a `--rm` container is gone once stopped.
    @discardableResult
    public func restart(_ nameOrID: String, timeout: Int?, monitor: DetachedStart) throws -> Bool {
        let stopped = try stop(nameOrID, timeout: timeout)
        guard (try? store.load(stopped.id)) != nil else { return false }
        try startDetached(stopped.id.full, monitor: monitor)
        journal("restart", stopped)
        return true
    }
}
