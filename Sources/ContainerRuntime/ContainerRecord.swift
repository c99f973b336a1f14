import FoundationEssentials

/// What Dockyard remembers about one container, kept as JSON in its state directory.
/// Every kernel object a container owns (cgroup directories, its writable layer) is written here
/// before it is made, so whatever a crash leaves behind can be found and removed later.
public struct ContainerRecord: Codable, Sendable, Equatable {
    /// Docker's lifecycle words.
    public enum Status: String, Codable, Sendable {
        case created, running, exited
    }

    public var id: ContainerID
    public var name: String
    /// The image as the user named it, e.g. "busybox".
    public var image: String
    /// The image's id: the digest of its config.
    public var imageID: String
    public var argv: [String]
    public var environment: [String]
    public var workingDirectory: String
    public var user: String
    public var uid: UInt32
    public var gid: UInt32
    /// Supplementary groups from the image's /etc/group.
    public var groups: [UInt32]?
    public var hostname: String
    public var network: String
    public var limits: ResourceLimits
    public var autoRemove: Bool
    /// `-i`: keep standard input open.
    public var interactive: Bool
    /// `-t`: give the process a terminal.
    public var tty: Bool
    /// `--restart`: what the monitor does when the process exits.
    public var restartPolicy: RestartPolicy
    /// How often the monitor restarted it.
    public var restartCount: Int?
    /// `stop` (or `kill`) asked it to end: the monitor must not restart it.
    public var stopRequested: Bool?
    /// `pause` froze its cgroup.
    public var paused: Bool?
    /// `--init`: the host path of the init bind-mounted as pid 1 (argv starts with it).
    public var initBinary: String?
    public var created: Date

    public var status: Status
    public var pid: Int32?
    /// The process's start time in clock ticks (/proc/PID/stat field 22): tells our pid 1 from a
    /// later process that happens to get the same pid.
    public var pidStartTime: UInt64?
    public var startedAt: Date?
    public var finishedAt: Date?
    public var exitCode: Int32?
    public var oomKilled: Bool

    /// Image layers, bottom first: overlayfs lowerdirs.
    public var lowerdirs: [String]
    /// The container's own cgroup directories, one per hierarchy (recorded before mkdir).
    public var cgroupPaths: [String]

    // Networking (Network/): ports asked for with -p/-P, and what the current start connected —
    // address lease, veth, DNAT entries — recorded before they are made, for teardown and the janitor.
    public var publishedPorts: [PortMapping]? = nil
    public var networkAttachment: NetworkAttachment? = nil
    /// `-v` and `--tmpfs` mounts, and `--read-only` (Volumes/).
    public var mounts: [VolumeMount]? = nil
    public var readOnlyRootfs: Bool? = nil
    /// `--privileged`, `--cap-add`/`--cap-drop`, `--security-opt`; nil is Docker's default confinement.
    public var security: SecurityOptions? = nil
    /// `--userns remap`: its own user namespace (nil: the host's).
    public var userNamespace: Bool? = nil
    /// `--device`: host device nodes made inside and allowed by its devices cgroup (nil: none).
    public var devices: [DeviceMapping]? = nil
    /// `--group-add`, kept so that `exec -u` adds the same groups (nil: none).
    public var groupAdd: [String]? = nil

    /// The command line as `ps` shows it.
    public var commandLine: String {
        argv.joined(separator: " ")
    }
}
