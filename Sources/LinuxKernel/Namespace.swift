/// A Linux namespace type: one view of a global resource that a container gets its own copy of.
/// The raw values are the names under /proc/PID/ns/.
public enum Namespace: String, Sendable, CaseIterable, Codable {
    /// Mount points: the container's own filesystem tree.
    case mount = "mnt"
    /// Process ids: the container's first process is pid 1.
    case pid
    /// Hostname and domain name.
    case uts
    /// System V IPC and POSIX message queues.
    case ipc
    /// Network interfaces, routes, firewall rules, sockets.
    case net
    /// The cgroup root: the container sees its own cgroup as "/".
    case cgroup
    /// User and group ids: uid 0 inside is an unprivileged uid outside (`--userns remap`).
    case user

    /// The clone(2) flag that creates this namespace, as `--explain` names it.
    public var cloneFlagName: String {
        switch self {
        case .mount: "CLONE_NEWNS"
        case .pid: "CLONE_NEWPID"
        case .uts: "CLONE_NEWUTS"
        case .ipc: "CLONE_NEWIPC"
        case .net: "CLONE_NEWNET"
        case .cgroup: "CLONE_NEWCGROUP"
        case .user: "CLONE_NEWUSER"
        }
    }

    /// The flag's value from <sched.h>.
    var cloneFlag: Int32 {
        switch self {
        case .mount: 0x0002_0000
        case .pid: 0x2000_0000
        case .uts: 0x0400_0000
        case .ipc: 0x0800_0000
        case .net: 0x4000_0000
        case .cgroup: 0x0200_0000
        case .user: 0x1000_0000
        }
    }
}
