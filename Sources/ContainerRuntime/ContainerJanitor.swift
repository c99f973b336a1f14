import Explain
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Cleans up after runs whose dockyard process died (killed with SIGKILL, a crash, a reboot):
/// a record that still says "running" but whose lock nobody holds was abandoned. Its leftover
/// processes are killed, its cgroup directories removed, and a `--rm` container deleted.
/// Every dockyard command that touches the store runs this first; it is cheap when all is well.
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
        var cleaned: [ContainerID] = []
        // Only a record that does not say "exited" can be abandoned: the others are not decoded.
        for record in store.summaries() where record.status != "exited" {
            let paths = store.paths(for: record.id)
            guard let lock = ContainerLock(directory: paths.directory, wait: false) else { continue }
            defer { _ = lock }
            // Reload under the lock: the run may have finished between listing and locking.
            guard var current = try? store.load(record.id), current.state.exit == nil else { continue }
            let cgroup = CgroupHost.manager(forRecordedPaths: current.cgroupPaths)
            cgroup.killProcesses(kernel: kernel)
            try? cgroup.remove(kernel: kernel)
            // veth, DNAT entries and address lease, or pasta if still the process recorded (Network/)
            ContainerNetworking(store: store, kernel: kernel).disconnectAll(from: &current)
            if current.config.ipcMode == .shareable { kernel.unmountSharedMemory(at: paths.sharedMemory) }
            // A container that never started (created, or whose monitor is about to start it)
            // keeps its record; only one that was running when its dockyard died is finished off.
            guard let process = current.state.process else { continue }
            if current.config.autoRemove {
                try? kernel.removeTree(paths.directory, what: "abandoned container (--rm)")
                VolumeStore(root: store.root).removeAnonymousVolumes(of: current.config.mounts)
            } else {
                // Killed with the cgroup: Docker's 128+SIGKILL.
                current.state = .exited(ProcessExit(code: 137, oomKilled: false, startedAt: process.startedAt, finishedAt: Date()))
                try? store.save(current)
            }
            cleaned.append(record.id)
        }
        return cleaned
    }
}
