import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

extension ContainerLifecycle {
    /// `docker stop`: the container's stop signal — `signal`, else `run --stop-signal` or the image's
    /// STOPSIGNAL, else SIGTERM — then SIGKILL once `timeout` seconds pass (else `run --stop-timeout`,
    /// else 10). Marks it first so its monitor does not restart it. Returns the record after the exit;
    /// a container that is not running is left as it is.
    @discardableResult
    public func stop(_ nameOrID: String, signal: Int32? = nil, timeout: Int? = nil) throws -> ContainerRecord {
        let record = try find(nameOrID)
        guard let process = record.state.process else { return record }
        try thawIfPaused(record)
        try update(record.id) { $0.stopRequested = true }
        let first = signal ?? record.config.stopSignal ?? ContainerConfiguration.defaultStopSignal
        let seconds = max(0, timeout ?? record.config.stopTimeout ?? ContainerConfiguration.defaultStopTimeout)
        try? kernel.signal(pid: process.pid, first)
        journal("kill", record, ["signal": String(first)])
        var exited = waitForExit(record.id, seconds: Double(seconds))
        if exited == nil {
            try? kernel.signal(pid: process.pid, SIGKILL)
            journal("kill", record, ["signal": String(SIGKILL)])
            exited = waitForExit(record.id, seconds: nil)
        }
        journal("stop", record)
        return exited ?? record
    }

    /// `docker kill`: sends `signal` to the container's first process. SIGKILL and SIGTERM mean
    /// "end it", so the monitor is told not to restart it; other signals are the program's business.
    public func kill(_ nameOrID: String, signal: Int32) throws {
        let record = try find(nameOrID)
        guard let process = record.state.process else {
            throw RuntimeError(code: .notRunning,
                               "Cannot kill container: \(nameOrID): Container \(record.id.full) is not running")
        }
        try thawIfPaused(record)
        if signal == SIGKILL || signal == SIGTERM {
            try update(record.id) { $0.stopRequested = true }
        }
        try kernel.signal(pid: process.pid, signal)
        journal("kill", record, ["signal": String(signal)])
    }

    /// `docker rm`: deletes the container's directory — record, writable layer and all. A running
    /// container is refused unless `force`, which kills it first (SIGKILL, as Docker does). A pod's
    /// infra container goes only with its pod (`pod rm`, which passes `podRemoval`), as in podman.
    /// `volumes` (`rm -v`): its anonymous volumes go too, unless another container uses them.
    public func remove(_ nameOrID: String, force: Bool, volumes: Bool = false, podRemoval: Bool = false) throws {
        let record = try find(nameOrID)
        if !podRemoval, let pod = record.config.pod,
           let owner = PodStore(root: store.root).all().first(where: { $0.id.full == pod && $0.infraContainer == record.id }) {
            throw RuntimeError(code: .conflict, "container \(record.id.full) is the infra container of pod \(owner.id.full) and cannot be removed without removing the pod")
        }
        if let process = record.state.process {
            guard force else {
                throw RuntimeError(code: .conflict, "cannot remove container \"\(nameOrID)\": container is running: stop the container before removing or force remove")
            }
            try? thawIfPaused(record)
            try? kernel.signal(pid: process.pid, SIGKILL)
            // The dockyard process running it (its monitor, or a foreground run) notices the
            // exit, tears down the cgroup and network and lets go of the container's lock;
            // removing the directory before that would race with its last writes. Should it
            // have died instead, the janitor finishes what it left.
            _ = store.waitUntilReleased(record.id, seconds: 10)
            ContainerJanitor(store: store, kernel: kernel).sweep()
        }
        try kernel.removeTree(store.paths(for: record.id).directory, what: "container")
        journal("destroy", record)
        if volumes { removeAnonymousVolumes(of: record) }
    }

    /// The anonymous volumes (`-v /path`) of a removed container that no other container mounts.
    private func removeAnonymousVolumes(of record: ContainerRecord) {
        let stillUsed = Set(store.all().flatMap { $0.config.mounts.map(\.source) })
        VolumeStore(root: store.root).removeAnonymousVolumes(of: record.config.mounts.filter { !stillUsed.contains($0.source) })
    }
}
