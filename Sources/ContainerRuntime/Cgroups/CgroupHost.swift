import FoundationEssentials
import LinuxKernel

/// How this machine's cgroups are laid out, which decides where a container's limits go.
///
/// - unified (v2): one hierarchy at /sys/fs/cgroup, every controller in it (most machines today).
/// - legacy (v1): one hierarchy per controller: /sys/fs/cgroup/memory, /sys/fs/cgroup/pids, …
/// - hybrid: v1 controllers plus an empty v2 hierarchy at /sys/fs/cgroup/unified. The controllers
///   live in v1, so limits go there.
/// - unavailable: rootless, with no cgroup delegated to the user; containers get none.
public enum CgroupHost: Sendable, Equatable {
    case unified(root: String)
    case legacy(root: String)
    case hybrid(root: String)
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
        if case .unified = self { return 2 }
        return 1
    }

    /// A manager for one container's cgroup, named `dockyard/<id>` in each hierarchy.
    public func manager(for id: ContainerID) -> any CgroupManager {
        switch self {
        case let .unified(root): CgroupV2Manager(root: root, group: "dockyard/\(id.full)")
        case let .legacy(root), let .hybrid(root): CgroupV1Manager(root: root, group: "dockyard/\(id.full)")
        case let .unavailable(reason): AbsentCgroup(reason: reason)
        }
    }

    /// A manager for a cgroup whose directories were recorded earlier (cleanup after a crash).
    public static func manager(forRecordedPaths paths: [String]) -> any CgroupManager {
        RecordedCgroup(paths: paths)
    }
}

extension CgroupHost {
    /// Rootless: where the user may make cgroups. Without delegation there is none.
    static func detectRootless(root: String) -> CgroupHost {
        if case .unified = layout(root: root) {
            return .unavailable(reason: "cgroup v2 here, but no controllers are delegated to you (systemd does it for user@UID.service: Delegate=cpu memory pids)")
        }
        return .unavailable(reason: "this host's cgroup controllers are v1, which only root may write (boot with systemd.unified_cgroup_hierarchy=1 for cgroup v2, where systemd delegates cpu, memory and pids to users)")
    }

    /// Rootless without a cgroup: a container that asks for a limit fails (exit 125) saying
    /// why, rather than running unlimited; a course that teaches limits must not pretend.
    public func checkLimits(_ limits: ResourceLimits) throws {
        guard case let .unavailable(reason) = self else { return }
        var asked: [String] = []
        if limits.memoryBytes != nil { asked.append("--memory") }
        if limits.cpus != nil { asked.append("--cpus") }
        if limits.pids != nil { asked.append("--pids-limit") }
        guard !asked.isEmpty else { return }
        throw RuntimeError(code: .invalidArgument, "\(asked.joined(separator: ", ")) needs a cgroup, and rootless dockyard cannot make one here: \(reason); or run as root")
    }
}
