import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// What a container was created with — Docker's `Config` and `HostConfig` together: its image,
/// command, user, network, limits, mounts, confinement and stop behaviour. Fixed at `create`:
/// every later start runs the same configuration, so nothing here changes while it lives.
/// (What changes — running, paused, exited — is `ContainerState`.)
public struct ContainerConfiguration: Sendable, Equatable {
    /// The image as the user named it, e.g. "busybox".
    public var image: String
    /// The image's id: the digest of its config.
    public var imageID: String
    /// Image layers, bottom first: overlayfs lowerdirs.
    public var lowerdirs: [String]
    public var argv: [String]
    public var environment: [String]
    public var workingDirectory: String
    /// `--user` (or the image's USER) as written; `uid`, `gid` and `groups` are what it resolved to.
    public var user: String
    public var uid: UInt32
    public var gid: UInt32
    /// Supplementary groups from the image's /etc/group.
    public var groups: [UInt32]
    /// `--group-add`, kept so that `exec -u` adds the same groups.
    public var groupAdd: [String]
    public var hostname: String
    public var network: RunRequest.Network
    /// `-p`/`-P`: ports asked for (Network/); the host ports actually bound are in the attachment.
    public var publishedPorts: [PortMapping]
    public var limits: ResourceLimits
    /// `-v` and `--tmpfs` mounts (Volumes/).
    public var mounts: [VolumeMount]
    /// `--read-only`.
    public var readOnlyRootfs: Bool
    /// `--privileged`, `--cap-add`/`--cap-drop`, `--security-opt`; the default is Docker's confinement.
    public var security: SecurityOptions
    /// `--userns remap`: its own user namespace (false: the host's).
    public var userNamespace: Bool
    /// `--device`: host device nodes made inside and allowed by its devices cgroup.
    public var devices: [DeviceMapping]
    /// `--init`: the host path of the init bind-mounted as pid 1 (argv starts with it).
    public var initBinary: String?
    /// `--rm`.
    public var autoRemove: Bool
    /// `-i`: keep standard input open.
    public var interactive: Bool
    /// `-t`: give the process a terminal.
    public var tty: Bool
    /// `--restart`: what the monitor does when the process exits.
    public var restartPolicy: RestartPolicy
    /// `--stop-signal`, or the image's STOPSIGNAL: what `stop` sends first (nil: SIGTERM).
    public var stopSignal: Int32?
    /// `--stop-timeout`: seconds `stop` waits before SIGKILL (nil: Docker's 10).
    public var stopTimeout: Int?
    /// The entrypoint, command, environment and working directory as asked, before they were
    /// resolved into the fields above (nil in records written before it was kept).
    public var requested: RequestedProcess? = nil
    /// `-l/--label` and `--label-file`: Docker's `Config.Labels`, key to value.
    public var labels: [String: String] = [:]
    /// `--add-host`, `--dns`, `--dns-search`: lines of its /etc/hosts and /etc/resolv.conf.
    public var nameResolution = NameResolution()
    /// `--ulimit`: resource limits of its first process and of each `exec`'d one.
    public var ulimits: [ResourceLimit] = []
    /// `--sysctl`: kernel parameters of its own network or IPC namespace.
    public var sysctls: [String: String] = [:]
    /// `--shm-size`: bytes of its /dev/shm (nil: Docker's 64 MiB).
    public var shmSize: Int64? = nil
    /// `--cidfile`: the file `run` wrote the container's id to (Docker's `HostConfig.ContainerIDFile`).
    public var containerIDFile: String? = nil

    /// Docker's default size of /dev/shm.
    public static let defaultShmSize: Int64 = 64 * 1024 * 1024

    /// Docker's defaults for `stop`.
    public static let defaultStopSignal = SIGTERM
    public static let defaultStopTimeout = 10

    /// The command line as `ps` shows it.
    public var commandLine: String {
        argv.joined(separator: " ")
    }
}
