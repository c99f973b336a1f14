import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

extension ContainerLifecycle {
    /// `docker rm`: deletes the container's directory — record, writable layer and all. A running
    /// container is refused unless `force`, which kills it first (SIGKILL, as Docker does). A pod's
    /// infra container goes only with its pod (`pod rm`, which passes `podRemoval`), as in podman.
    /// `volumes` (`rm -v`): its anonymous volumes go too, unless another container uses them.
    ///
    /// The directory is deleted under the container's lock, the flock(2) its monitor holds while
    /// it runs: two `rm` of one container take turns (the second finds nothing to remove), and a
    /// `start` waiting for the lock finds the directory gone instead of rebuilding half of it.
    public func remove(_ nameOrID: String, force: Bool, volumes: Bool = false, podRemoval: Bool = false,
                       in lookup: ContainerLookup? = nil) throws {
        let found = try find(nameOrID, in: lookup)
        if !podRemoval, let pod = found.config.pod,
           let owner = PodStore(root: store.root).all().first(where: { $0.id.full == pod && $0.infraContainer == found.id }) {
            throw RuntimeError(code: .conflict, "container \(found.id.full) is the infra container of pod \(owner.id.full) and cannot be removed without removing the pod")
        }
        let (lock, record) = try lockForRemoval(found, name: nameOrID, force: force)
        defer { withExtendedLifetime(lock) {} }
        if record.state.process != nil {
            // Unlocked yet "running": its dockyard died. What the janitor does, under this lock.
            guard force else { throw Self.runningConflict(nameOrID) }
            _ = ContainerJanitor(store: store, kernel: kernel).finishAbandoned(record.id)
        }
        try kernel.removeTree(store.paths(for: record.id).directory, what: "container")
        journal("destroy", record)
        if volumes { removeAnonymousVolumes(of: record) }
    }

    /// Takes the container's lock and reads its record under it. While another process holds the
    /// lock — the monitor of a running container, a `start` on its way, another `rm` — a running
    /// container is refused (or with `force` killed: its monitor then records the exit, tears down
    /// the cgroup and network and lets go), and the others are waited for, up to 10 seconds.
    private func lockForRemoval(_ found: ContainerRecord, name: String, force: Bool) throws -> (ContainerLock, ContainerRecord) {
        let directory = store.paths(for: found.id).directory
        var killed = false
        for _ in 0..<2000 {
            if let lock = ContainerLock(directory: directory, wait: false) {
                return (lock, (try? store.load(found.id)) ?? found)
            }
            guard access(directory, F_OK) == 0 else { break }
            let record = (try? store.load(found.id)) ?? found
            if let process = record.state.process {
                guard force else { throw Self.runningConflict(name) }
                if !killed {
                    try? thawIfPaused(record)
                    try? kernel.signal(pid: process.pid, SIGKILL)
                    killed = true
                }
            }
            usleep(5000)
        }
        guard access(directory, F_OK) == 0 else { throw RuntimeError(code: .notFound, "No such container: \(name)") }
        throw RuntimeError(code: .conflict, "cannot remove container \"\(name)\": another process still holds it after 10 seconds")
    }

    static func runningConflict(_ name: String) -> RuntimeError {
        RuntimeError(code: .conflict, "cannot remove container \"\(name)\": container is running: stop the container before removing or force remove")
    }

    /// The anonymous volumes (`-v /path`) of a removed container that no other container mounts.
    private func removeAnonymousVolumes(of record: ContainerRecord) {
        let stillUsed = Set(store.all().flatMap { $0.config.mounts.map(\.source) })
        VolumeStore(root: store.root).removeAnonymousVolumes(of: record.config.mounts.filter { !stillUsed.contains($0.source) })
    }
}
