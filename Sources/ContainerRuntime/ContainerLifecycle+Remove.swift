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
        try deleteDirectory(of: record.id)
        journal("destroy", record)
        if volumes { removeAnonymousVolumes(of: record) }
    }

    /// Takes the container's lock and reads its record under it. The lock is held by whoever works
    /// on the container: its monitor (or foreground `run`) for as long as it runs, a `start` on its
    /// way, another `rm`, a janitor for a moment. This waits for that holder to let go:
    ///
    /// - A running container's holder lets go only when the container ends: it is refused, or with
    ///   `force` its first process is killed (SIGKILL, as Docker does), and its monitor then records
    ///   the exit, tears down the cgroup and network, and lets go. A process still being set up is
    ///   killed only once it has exec'd (`ProcessImage`): killed earlier, its `run -d` would report a
    ///   failed start instead of a container that started and was removed.
    /// - The others let go by themselves; a `start` may meanwhile get the container running, which
    ///   its record then says.
    ///
    /// Each round asks flock(2) and stat(2) only: the record is read before the wait, and again
    /// only when its file was replaced (a save is a rename, so a new inode and change time).
    /// Gives up when nobody let go within 10 seconds of the last thing it did.
    private func lockForRemoval(_ found: ContainerRecord, name: String, force: Bool) throws -> (ContainerLock, ContainerRecord) {
        let paths = store.paths(for: found.id)
        var seenVersion: FileVersion?
        var killed = false
        var deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let lock = ContainerLock(directory: paths.directory, wait: false) {
                return (lock, (try? store.load(found.id)) ?? found)
            }
            guard access(paths.directory, F_OK) == 0 else { break }
            let version = FileVersion(path: paths.record)
            if version != seenVersion, !killed {
                seenVersion = version
                let record = (try? store.load(found.id)) ?? found
                if let process = record.state.process {
                    guard force else { throw Self.runningConflict(name) }
                    try? thawIfPaused(record)
                    ProcessImage.waitUntilExeced(pid: process.pid)   // a setup that hangs is killed all the same after 5 s
                    try? kernel.signal(pid: process.pid, SIGKILL)
                    killed = true
                    deadline = ContinuousClock.now + .seconds(10)
                }
            }
            usleepMilliseconds(5)
        }
        guard access(paths.directory, F_OK) == 0 else { throw RuntimeError(code: .notFound, "No such container: \(name)") }
        throw RuntimeError(code: .conflict, "cannot remove container \"\(name)\": another process still holds it after 10 seconds")
    }

    /// Deletes the container's directory, which this command has locked, after moving it aside
    /// into `<root>/removing` (where a `--rm` container's goes, DeferredRemoval). A process that
    /// has not taken the lock may still be adding a file to it — a monitor opens the container's
    /// log before it waits for the lock — which made the last rmdir(2) fail with ENOTEMPTY; after
    /// the rename such a file cannot be made (ENOENT), and one made in the instant before is
    /// caught by a second pass. If this command dies midway, the janitor finishes the job
    /// (`ContainerJanitor.sweepRemovals`) once the kernel drops the lock.
    private func deleteDirectory(of id: ContainerID) throws {
        guard !kernel.isSimulated, let aside = store.moveAside(id) else {
            return try kernel.removeTree(store.paths(for: id).directory, what: "container")
        }
        if (try? kernel.removeTree(aside, what: "container")) == nil {
            try kernel.removeTree(aside, what: "container")
        }
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
