import FoundationEssentials
import LinuxKernel

/// How this machine's cgroups are laid out, which decides where a container's limits go.
///
/// - unified (v2): one hierarchy at /sys/fs/cgroup, every controller in it (most machines today).
/// - legacy (v1): one hierarchy per controller: /sys/fs/cgroup/memory, /sys/fs/cgroup/pids, …
/// - hybrid: v1 controllers plus an empty v2 hierarchy at /sys/fs/cgroup/unified. The controllers
///   live in v1, so limits go there.
/// - delegated: rootless, on v2, in the subtree systemd delegated to the user (`root`, e.g.
///   …/user@1000.service), which may enable `controllers` for its children (CgroupDelegation).
/// - unavailable: rootless, with no cgroup delegated to the user; containers get none.
public enum CgroupHost: Sendable, Equatable {
    case unified(root: String)
    case legacy(root: String)
    case hybrid(root: String)
    case delegated(root: String, controllers: [String])
    case unavailable(reason: String)

    /// Reads the layout under `root` (normally /sys/fs/cgroup). Rootless, only a subtree
    /// delegated to the user can be written.
    public static func detect(root: String = "/sys/fs/cgroup") -> CgroupHost {
        PrivilegeMode.current.isRootless ? detectRootless(root: root) : layout(root: root)
    }

    /// The hierarchies mounted under `root`, as root sees them.
    static func layout(root: String) -> CgroupHost {
        let files = FileManager.default
        if files.fileExists(atPath: root + "/cgroup.controllers") {
            return .unified(root: root)
        }
        // A v2 hierarchy beside v1 ones: use it only if the controllers were moved into it.
        if let controllers = files.contents(atPath: root + "/unified/cgroup.controllers"),
           String(decoding: controllers, as: UTF8.self).split(separator: " ").contains(where: { $0.hasPrefix("memory") }) {
            return .unified(root: root + "/unified")
        }
        if files.fileExists(atPath: root + "/unified") { return .hybrid(root: root) }
        return .legacy(root: root)
    }

    /// The cgroup version the limits use here.
    public var version: Int {
        switch self {
        case .unified, .delegated: 2
        case .legacy, .hybrid, .unavailable: 1
        }
    }

    /// A manager for one container's cgroup, named `dockyard/<id>` in each hierarchy, or
    /// `dockyard/pod-<pod id>/<id>` for a pod's container: the pod's cgroup is the parent of its
    /// containers', and counts them all (rootless, in the delegated subtree: a sibling of the
    /// user's app.slice, never the cgroup dockyard runs in). On v1 the cpuset hierarchy is joined
    /// only for `--cpuset-cpus` (`limits`): a new cpuset cgroup has no CPUs until it is given
    /// some, and the other commands need not know it.
    public func manager(for id: ContainerID, limits: ResourceLimits = ResourceLimits(), pod: String? = nil) -> any CgroupManager {
        var group = "dockyard/"
        if let pod { group += Self.podGroupPrefix + pod + "/" }
        group += id.full
        switch self {
        case let .unified(root), let .delegated(root, _): return CgroupV2Manager(root: root, group: group)
        case let .legacy(root), let .hybrid(root): return CgroupV1Manager(root: root, group: group, cpuset: limits.usesCpuset,
                                                                         blkio: limits.deviceReadBps != nil || limits.deviceWriteBps != nil)
        case let .unavailable(reason): return AbsentCgroup(reason: reason)
        }
    }

    /// The cgroup of the container `record` describes, in its pod's when it has one.
    public func manager(for record: ContainerRecord) -> any CgroupManager {
        manager(for: record.id, limits: record.config.limits, pod: record.config.pod)
    }

    /// How a pod's cgroup directory is named under `dockyard/`.
    static let podGroupPrefix = "pod-"

    /// A manager for a cgroup whose directories were recorded earlier (cleanup after a crash).
    public static func manager(forRecordedPaths paths: [String]) -> any CgroupManager {
        RecordedCgroup(paths: paths)
    }
}
