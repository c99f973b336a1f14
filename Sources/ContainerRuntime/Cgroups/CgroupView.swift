/// One directory of the container's own cgroup as it appears inside the container under
/// /sys/fs/cgroup, as Docker shows it: on v1 each controller's directory at
/// /sys/fs/cgroup/<controller> (runc's layout), on v2 the one directory at /sys/fs/cgroup itself.
/// Mounted read-only, it lets a program read its own limits (memory.limit_in_bytes, memory.max)
/// while the host's tree and every sibling container stay out of sight.
public struct CgroupViewMount: Sendable, Equatable {
    /// The cgroup directory on the host, e.g. /sys/fs/cgroup/memory/dockyard/<id>.
    public var hostDirectory: String
    /// Where it appears inside, e.g. /sys/fs/cgroup/memory.
    public var insidePath: String
}

extension CgroupManager {
    /// What the container sees of its cgroup: nothing unless the manager has directories.
    public var insideView: [CgroupViewMount] { [] }
}

extension CgroupV1Manager {
    var insideView: [CgroupViewMount] {
        controllers.map { CgroupViewMount(hostDirectory: directory($0), insidePath: "/sys/fs/cgroup/\($0)") }
    }
}

extension CgroupV2Manager {
    var insideView: [CgroupViewMount] {
        [CgroupViewMount(hostDirectory: directory, insidePath: "/sys/fs/cgroup")]
    }
}
