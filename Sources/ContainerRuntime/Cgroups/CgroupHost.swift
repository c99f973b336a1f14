import FoundationEssentials

/// How this machine's cgroups are laid out, which decides where a container's limits go.
///
/// - unified (v2): one hierarchy at /sys/fs/cgroup, every controller in it (most machines today).
/// - legacy (v1): one hierarchy per controller: /sys/fs/cgroup/memory, /sys/fs/cgroup/pids, …
/// - hybrid: v1 controllers plus an empty v2 hierarchy at /sys/fs/cgroup/unified. The controllers
///   live in v1, so limits go there.
public enum CgroupHost: Sendable, Equatable {
    case unified(root: String)
    case legacy(root: String)
    case hybrid(root: String)

    /// Reads the layout under `root` (normally /sys/fs/cgroup).
    public static func detect(root: String = "/sys/fs/cgroup") -> CgroupHost {
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
        }
    }

    /// A manager for a cgroup whose directories were recorded earlier (cleanup after a crash).
    public static func manager(forRecordedPaths paths: [String]) -> any CgroupManager {
        RecordedCgroup(paths: paths)
    }
}
