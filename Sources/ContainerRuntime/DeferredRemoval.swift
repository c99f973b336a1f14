import Explain
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The end of a `--rm` container, after `run` has delivered its exit status, as far as that is
/// safe. The container's directory is renamed out of `<root>/containers` at once (one rename(2)
/// on the same filesystem): from then on `ps -a` does not list it and its name is free for the
/// next `run --name`, exactly as when it was deleted. A detached process then rmdirs its cgroups
/// and deletes its writable layer and files (`Kernel.removeInBackground`), holding the
/// container's lock; if that process dies first, the next dockyard command's janitor finishes
/// the job from the record in the renamed directory (`ContainerJanitor.sweepRemovals`).
/// Docker's daemon, too, removes a `--rm` container after the client has its exit status.
struct DeferredRemoval {
    let store: ContainerStore
    let kernel: any Kernel
    /// The caller exits as soon as `start` returns (`ContainerRunner.exitsAfterStart`): the
    /// remover then takes over its memory and begins when it has exited.
    var callerExitsNext = false

    /// Whether a finished container's removal may be left to a detached process: the live
    /// kernel, with nobody watching its events (with `--explain`, and in the lesson player, every
    /// rmdir is told as it happens), as root (rootless removal goes through the user's namespace),
    /// and not privileged (a privileged container may have made cgroups inside its own, which the
    /// synchronous removal looks for).
    static func applies(to config: ContainerConfiguration, kernel: any Kernel, rootless: Bool) -> Bool {
        config.autoRemove && !kernel.isSimulated && kernel.events is DiscardingSink && !rootless
            && !config.security.privileged
    }

    /// Moves the container aside and starts its remover. False when it could not be moved (the
    /// caller then removes it as before); once moved, a remover that cannot start is replaced by
    /// removing it here.
    func remove(_ id: ContainerID, cgroup: any CgroupManager, lock: Int32) -> Bool {
        guard let aside = store.moveAside(id) else { return false }
        if !kernel.removeInBackground(cgroups: cgroup.paths, unusedParents: cgroup.parentsRemovedWhenUnused,
                                      tree: aside, lock: lock, atExit: callerExitsNext) {
            try? cgroup.remove(kernel: kernel)
            try? kernel.removeTree(aside, what: "container (--rm)")
        }
        return true
    }
}

extension ContainerRunner {
    /// Leaves a finished `--rm` container's removal to `DeferredRemoval` when it applies; whether it did.
    func removedInBackground(_ id: ContainerID, config: ContainerConfiguration, cgroup: any CgroupManager, lock: AnyObject?) -> Bool {
        guard DeferredRemoval.applies(to: config, kernel: kernel, rootless: isRootless),
              let lock = lock as? ContainerLock else { return false }
        return DeferredRemoval(store: store, kernel: kernel, callerExitsNext: exitsAfterStart)
            .remove(id, cgroup: cgroup, lock: lock.descriptor)
    }
}
