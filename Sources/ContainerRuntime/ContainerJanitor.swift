import Explain
import FoundationEssentials
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Cleans up after runs whose dockyard process died (killed with SIGKILL, a crash, a reboot):
/// a record that still says "running" but whose lock nobody holds was abandoned. Its leftover
/// processes are killed, its cgroup directories removed, and a `--rm` container deleted.
/// Every dockyard command that touches the store runs this first; it is cheap when all is well.
///
/// The lock is asked before the record is read. Whoever runs a container holds its flock(2) for
/// as long as it runs and the kernel drops it when that process dies, so a held lock is the
/// answer "alive" for one open(2) and one flock(2) — no record is read for a running container,
/// and a `run` in a store of a hundred running containers pays a hundred cheap system calls
/// rather than a hundred record reads. Only an unlocked container's record is read (its
/// summary), and only one that does not say "exited" is finished off, again under the lock, which
/// is what keeps two janitors (or a janitor and `start`) from working on the same container.
public struct ContainerJanitor: Sendable {
    public let store: ContainerStore
    public let kernel: any Kernel

    public init(store: ContainerStore, kernel: any Kernel) {
        self.store = store
        self.kernel = kernel
    }

    /// Returns the ids of the containers it cleaned up.
    @discardableResult
    public func sweep() -> [ContainerID] {
        let names = DirectoryListing.names(atPath: store.containersDirectory) ?? []
        return sweepRemovals() + names.compactMap { sweep(ContainerID(full: $0)) ? ContainerID(full: $0) : nil }
    }

    /// Finishes off this one container if its dockyard died; true if it did.
    @discardableResult
    public func sweep(_ id: ContainerID) -> Bool {
        let paths = store.paths(for: id)
        guard let lock = ContainerLock(directory: paths.directory, wait: false) else { return false }
        defer { withExtendedLifetime(lock) {} }
        // Only a record that does not say "exited" can be abandoned: the others are not decoded.
        guard let summary = store.summary(of: id), summary.status != "exited" else { return false }
        return finishAbandoned(id)
    }

    /// The cleanup of an abandoned container, for a caller that holds its lock.
    func finishAbandoned(_ id: ContainerID) -> Bool {
        let paths = store.paths(for: id)
        // Reload under the lock: the run may have finished between listing and locking.
        guard var current = try? store.load(id), current.state.exit == nil else { return false }
        let neverToStart = current.isOrphanedByItsRun
        if current.state.process == nil, !current.madeKernelObjects, !neverToStart { return false }
        let cgroup = CgroupHost.manager(forRecordedPaths: current.cgroupPaths)
        cgroup.killProcesses(kernel: kernel)
        try? cgroup.remove(kernel: kernel)
        // veth, DNAT entries and address lease, or pasta if still the process recorded (Network/)
        ContainerNetworking(store: store, kernel: kernel).disconnectAll(from: &current)
        if current.config.ipcMode == .shareable { kernel.unmountSharedMemory(at: paths.sharedMemory) }
        // A container that never started (created, or whose monitor is about to start it)
        // keeps its record, but for a `run --rm` one whose run died; one that was running when
        // its dockyard died is finished off.
        guard let process = current.state.process else {
            guard neverToStart else { return false }
            try? kernel.removeTree(paths.directory, what: "container of a killed run --rm")
            VolumeStore(root: store.root).removeAnonymousVolumes(of: current.config.mounts)
            return true
        }
        if current.config.autoRemove {
            try? kernel.removeTree(paths.directory, what: "abandoned container (--rm)")
            VolumeStore(root: store.root).removeAnonymousVolumes(of: current.config.mounts)
        } else {
            // Killed with the cgroup: Docker's 128+SIGKILL.
            current.state = .exited(ProcessExit(code: 137, oomKilled: false, startedAt: process.startedAt, finishedAt: Date()))
            try? store.save(current)
        }
        return true
    }

    /// Finishes `--rm` removals whose background remover died (killed, or the host rebooted): a
    /// directory in `<root>/removing` that nobody holds the lock of (DeferredRemoval). Its
    /// record says which cgroups it had.
    func sweepRemovals() -> [ContainerID] {
        var cleaned: [ContainerID] = []
        for name in DirectoryListing.names(atPath: store.removingDirectory) ?? [] {
            let directory = store.removingDirectory + "/" + name
            guard let lock = ContainerLock(directory: directory, wait: false) else { continue }
            let id = ContainerID(full: name)
            if let record = try? ContainerStore.record(id, at: directory + "/config.json") {
                let cgroup = CgroupHost.manager(forRecordedPaths: record.cgroupPaths)
                cgroup.killProcesses(kernel: kernel)
                try? cgroup.remove(kernel: kernel)
            }
            try? kernel.removeTree(directory, what: "abandoned container (--rm)")
            withExtendedLifetime(lock) {}
            cleaned.append(id)
        }
        return cleaned
    }
}

extension ContainerRecord {
    /// A `run --rm` container still created whose `run` process is gone (killed between create
    /// and start): nobody will start it, and `--rm` asked for it to go. A `create --rm` one is
    /// not: it waits for `start`, as in Docker.
    var isOrphanedByItsRun: Bool {
        guard case .created = state, config.autoRemove, let creatingRun else { return false }
        return creatingRun.hasExited
    }

    /// Whether a start may have made something the janitor removes: a cgroup directory that
    /// exists, or a network the record says it joined (start records each before making it).
    /// A container created and never started has none, so sweeping it costs a few access(2)
    /// calls instead of reading every controller's cgroup.procs.
    var madeKernelObjects: Bool {
        networkAttachment != nil || !extraAttachments.isEmpty || userModeNetwork != nil
            || cgroupPaths.contains { access($0, F_OK) == 0 }
    }
}
