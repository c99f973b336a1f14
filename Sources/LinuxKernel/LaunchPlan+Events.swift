import Explain

/// Inode numbers only the running kernel knows, for the stages that make or join a namespace.
public struct NamespaceObservations {
    /// The new cgroup namespace's inode, reported by the child (it may exit before it could be read).
    public var cgroupNamespace: UInt64
    /// The host's own namespace of a kind, to set beside the container's.
    public var hostInode: (Namespace) -> UInt64
    /// The inode of a namespace joined by its /proc/PID/ns file.
    public var joinedInode: (String) -> UInt64

    public init(cgroupNamespace: UInt64, hostInode: @escaping (Namespace) -> UInt64,
                joinedInode: @escaping (String) -> UInt64) {
        self.cgroupNamespace = cgroupNamespace
        self.hostInode = hostInode
        self.joinedInode = joinedInode
    }
}

extension LaunchPlan {
    /// What `--explain` says for the first `count` stages (all when nil), in their order: the
    /// kernel objects each made. Both kernels tell a launch through this one function.
    func events(of launch: ContainerLaunch, through count: Int? = nil, observed: NamespaceObservations) -> [Event.Kind] {
        // The capability sets are told once they are final: after setCapabilities when they are
        // limited, else after the identity change, which is what leaves them as they are.
        let capabilitiesFinal: Stage = stages.contains(.setCapabilities) ? .setCapabilities : .changeIdentity
        return stages.prefix(count ?? stages.count).compactMap { stage in
            switch stage {
            case capabilitiesFinal: launch.security.capabilitiesEvent(uid: launch.uid)
            case .installSeccompFilter: seccompFilter.flatMap { launch.security.seccompEvent(for: $0) }
            default: stage.event(of: launch, observed: observed)
            }
        }
    }

    /// The stage a child's failure report names, by its index in the plan.
    func failure(at index: Int, of launch: ContainerLaunch) -> LaunchError.Stage {
        guard index >= 0 && index < stages.count else { return .vanished }
        switch stages[index] {
        case .waitForParent, .waitForStart: return .vanished
        case .becomeNamespaceRoot, .changeIdentity: return .identity
        case .makeMountsPrivate: return .privateMounts
        case let .filesystem(step): return .step(step)
        case .pivotRoot: return .pivotRoot
        case .setHostname: return .hostname
        case .bringLoopbackUp: return .loopback
        case .enterCgroupNamespace: return .cgroupNamespace
        case let .joinCgroup(tasksFile): return .joinCgroup(tasksFile)
        case let .joinNamespace(namespace, _): return .joinNamespace(namespace.rawValue)
        case let .setUpStreams(terminal): return terminal ? .terminal : .stdio
        case .installSeccompFilter: return .seccomp
        case .limitBoundingSet: return .boundingSet
        case .setCapabilities: return .capabilities
        case .forbidNewPrivileges: return .noNewPrivileges
        case .changeDirectory: return .workingDirectory
        case let .setResourceLimit(limit): return .resourceLimit(limit.name)
        case .execute: return .exec(command: launch.argv.first ?? "")
        }
    }
}

extension LaunchPlan.Stage {
    /// The event this stage reports once done; nil for a stage that is preparation or waiting
    /// rather than a kernel object of its own (its effect shows in a later stage's event).
    func event(of launch: ContainerLaunch, observed: NamespaceObservations) -> Event.Kind? {
        switch self {
        case let .filesystem(step): step.event
        case let .pivotRoot(newRoot): .pivotRoot(newRoot: newRoot)
        case let .setHostname(name): .hostnameSet(name)
        case .bringLoopbackUp: .interfaceUp(name: "lo", namespace: "container's")
        case let .joinCgroup(tasksFile): .cgroupWritten(path: tasksFile, value: "0")
        case .enterCgroupNamespace:
            .namespace(kind: Namespace.cgroup.rawValue, containerInode: observed.cgroupNamespace,
                       hostInode: observed.hostInode(.cgroup))
        case let .joinNamespace(namespace, path): .namespaceJoined(kind: namespace.rawValue, inode: observed.joinedInode(path))
        case let .setResourceLimit(limit):
            .note("setrlimit(RLIMIT_\(limit.name.uppercased()), soft \(limit.soft), hard \(limit.hard)): --ulimit \(limit.text), inherited by every process it starts")
        case let .waitForStart(fifo): .note("waiting for `start` on the fifo \(fifo) (runc's exec.fifo): created, not yet running")
        case .execute:
            .executed(argv: launch.argv, env: launch.environment, cwd: launch.workingDirectory, uid: launch.uid, gid: launch.gid)
        // The filter and the capability sets are told by the plan (`events(of:)`), which knows
        // the compiled filter and which stage leaves the sets final.
        case .waitForParent, .becomeNamespaceRoot, .makeMountsPrivate, .setUpStreams, .limitBoundingSet,
             .changeIdentity, .forbidNewPrivileges, .changeDirectory, .installSeccompFilter, .setCapabilities:
            nil
        }
    }
}
