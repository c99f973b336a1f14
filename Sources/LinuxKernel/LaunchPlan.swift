/// A process's start inside a container, from its first instruction after clone(2) to execve(2),
/// as the list of stages it performs, in the kernel's order. The order is written here and
/// nowhere else: `spawn.c` runs the stages one by one and reports a failure by its index, and both
/// kernels tell `--explain` from the same list (`LaunchPlan+Events.swift`), so what is told can
/// never drift from what ran. A container's first process, an `exec`'d one and a build's RUN are
/// plans built from their `ContainerLaunch`; a new kind of start is a new plan, not a new copy of
/// the order.
public struct LaunchPlan: Sendable {
    /// What the parent does while the child waits at a `waitForParent` stage.
    public enum ParentWork: Sendable, Equatable {
        /// Write the new user namespace's uid and gid maps and attach its idmapped layers.
        case mapIDs
        /// Move the child into its cgroup where it did not join it itself (`joinCgroup`) and was
        /// not born in it, and wire its network; nothing of the container's own runs before
        /// this, so its limits hold from its first instruction.
        case joinCgroupAndNetwork
    }

    /// One stage, as the child performs it.
    public enum Stage: Sendable, Equatable {
        /// Block until the parent has done `ParentWork` and says go.
        case waitForParent(ParentWork)
        /// In a new user namespace: become its root (uid 0 inside, the map's first id outside)
        /// before mounting, or overlayfs could not make its work directory.
        case becomeNamespaceRoot
        /// Mark every mount private, so nothing mounted next ever appears on the host.
        case makeMountsPrivate
        /// A mount, directory, device node, link or remount of the container's filesystem.
        case filesystem(SetupStep)
        /// The overlay becomes `/`; the host's root is detached.
        case pivotRoot(newRoot: String)
        case setHostname(String)
        /// A new network namespace starts with `lo` down.
        case bringLoopbackUp
        /// cgroup v1: write 0 to one hierarchy's `tasks` file (opened before the clone). 0 names
        /// the writing thread, and a thread that moves itself needs none of the global lock the
        /// kernel takes to move another process by pid (`cgroup.procs`), whose first taker
        /// waits for an RCU grace period (~8 ms on the machine of shared/NOTES.md). The child
        /// has one thread, so the whole process moves, before the parent lets it go on.
        case joinCgroup(tasksFile: String)
        /// unshare(CLONE_NEWCGROUP) from inside its cgroup, which becomes the namespace's root.
        case enterCgroupNamespace
        /// setns(2) into another process's namespace, named by its /proc/PID/ns file (`exec`,
        /// `--network container:`, a pod's); the file is opened before the clone.
        case joinNamespace(Namespace, path: String)
        /// The terminal (`-t`) or the relayed streams on 0-2, a session of its own, and every
        /// other descriptor close-on-exec.
        case setUpStreams(terminal: Bool)
        case installSeccompFilter
        /// Drop what is not kept from the bounding set; keep capabilities across the uid change.
        case limitBoundingSet
        /// `--ulimit`: setrlimit(2) of one resource, inherited by everything the process runs.
        case setResourceLimit(ResourceLimit)
        /// Supplementary groups, gid, then uid.
        case changeIdentity
        /// The effective and permitted sets the process execs with, when they are limited.
        case setCapabilities
        case forbidNewPrivileges
        case changeDirectory(String)
        /// The OCI runtime's `create`: tell the parent the container is created, then block on the
        /// fifo at this host path (opened before the clone) until `start` writes to it.
        case waitForStart(fifo: String)
        case execute
    }

    public var stages: [Stage]
    /// The seccomp filter `installSeccompFilter` installs, compiled once for the plan: the child
    /// installs it and `--explain` describes it, from the same program.
    public var seccompFilter: SeccompFilter?

    public init(stages: [Stage], seccompFilter: SeccompFilter? = nil) {
        self.stages = stages
        self.seccompFilter = seccompFilter
    }

    /// A container's first process: new namespaces (or another's, joined first: sysfs and
    /// mqueue show the namespace of whoever mounts them), its filesystem, then the process itself.
    public init(container launch: ContainerLaunch) {
        var stages: [Stage] = []
        if launch.userNamespace != nil {
            stages += [.waitForParent(.mapIDs), .becomeNamespaceRoot]
        }
        // A joined pid namespace is not a stage: the process is born in it (`spawn.c`).
        for joined in launch.joinedNamespaces where joined.namespace != .pid {
            stages.append(.joinNamespace(joined.namespace, path: joined.path))
        }
        if launch.namespaces.contains(.mount) { stages.append(.makeMountsPrivate) }
        stages += launch.steps.map(Stage.filesystem)
        if let rootfs = launch.rootfs { stages.append(.pivotRoot(newRoot: rootfs)) }
        if let hostname = launch.hostname { stages.append(.setHostname(hostname)) }
        if launch.loopbackUp { stages.append(.bringLoopbackUp) }
        stages += launch.cgroupTaskFiles.map(Stage.joinCgroup)
        stages.append(.waitForParent(.joinCgroupAndNetwork))
        if launch.namespaces.contains(.cgroup) { stages.append(.enterCgroupNamespace) }
        self.init(stages: stages + Self.process(launch), seccompFilter: launch.security.seccompFilter())
    }

    /// An `exec`'d process: born in the pid namespace of the container whose first process is
    /// `target`, it joins the others (its user namespace first, which owns them; the mount
    /// namespace last, which also moves its root).
    public init(exec launch: ContainerLaunch, target: Int32) {
        let joined: [Namespace] = (launch.userNamespace == nil ? [] : [.user]) + [.ipc, .uts, .net, .cgroup, .mount]
        let stages = joined.map { Stage.joinNamespace($0, path: JoinedNamespace($0, of: target).path) }
        self.init(stages: launch.cgroupTaskFiles.map(Stage.joinCgroup) + [.waitForParent(.joinCgroupAndNetwork)]
                    + stages + Self.process(launch),
                  seccompFilter: launch.security.seccompFilter())
    }

    /// What every start ends with: streams, confinement in the order the kernel allows (security.c
    /// says why), identity, working directory, exec.
    static func process(_ launch: ContainerLaunch) -> [Stage] {
        let limited = launch.security.capabilities != nil
        // Limits first: raising a hard limit needs CAP_SYS_RESOURCE, kept until the identity change.
        var stages: [Stage] = launch.resourceLimits.map(Stage.setResourceLimit)
        stages.append(.setUpStreams(terminal: launch.terminal != nil))
        if launch.security.seccomp != nil { stages.append(.installSeccompFilter) }
        if limited { stages.append(.limitBoundingSet) }
        stages.append(.changeIdentity)
        // Unlimited (`--privileged`), the process keeps every capability the identity change leaves.
        if limited { stages.append(.setCapabilities) }
        if launch.security.noNewPrivileges { stages.append(.forbidNewPrivileges) }
        stages.append(.changeDirectory(launch.workingDirectory))
        // Last before exec, like runc's exec.fifo: everything that can fail has failed at create.
        if let gate = launch.startGate { stages.append(.waitForStart(fifo: gate)) }
        return stages + [.execute]
    }

    /// The parent's work at each wait, in order: the parent releases the child once per wait.
    public var parentWork: [ParentWork] {
        stages.compactMap { stage in
            if case let .waitForParent(work) = stage { return work }
            return nil
        }
    }
}
