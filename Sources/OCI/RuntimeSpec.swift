/// An OCI runtime bundle's `config.json` (runtime-spec 1.0–1.2, config.md and config-linux.md):
/// what a container engine such as containerd asks an OCI runtime to make — the root filesystem,
/// the process, its mounts, namespaces, cgroup limits, devices and hooks. The fields are exactly
/// the spec's JSON keys; what Dockyard does not model is left out and ignored, as the spec allows
/// for unknown properties. `linux.seccomp` is read apart, in Docker's profile format, by the runtime.
public struct RuntimeSpec: Codable, Sendable {
    public var ociVersion: String
    public var root: Root?
    public var process: Process?
    public var hostname: String?
    public var mounts: [Mount]?
    public var hooks: Hooks?
    public var annotations: [String: String]?
    public var linux: Linux?

    /// The directory that becomes `/`, relative to the bundle unless absolute.
    public struct Root: Codable, Sendable {
        public var path: String
        public var readonly: Bool?
    }

    /// The program the container runs (also the whole of an `exec`'s process.json).
    public struct Process: Codable, Sendable {
        public var terminal: Bool?
        public var consoleSize: ConsoleSize?
        public var user: User
        public var args: [String]?
        public var env: [String]?
        public var cwd: String
        public var capabilities: Capabilities?
        public var rlimits: [Rlimit]?
        public var noNewPrivileges: Bool?
        public var oomScoreAdj: Int?
        public var apparmorProfile: String?
        public var selinuxLabel: String?
    }

    public struct ConsoleSize: Codable, Sendable {
        public var height: UInt16
        public var width: UInt16
    }

    public struct User: Codable, Sendable {
        public var uid: UInt32
        public var gid: UInt32
        public var umask: UInt32?
        public var additionalGids: [UInt32]?
    }

    /// The capability sets by name (`CAP_CHOWN`); the bounding set limits what the others may hold.
    public struct Capabilities: Codable, Sendable {
        public var bounding: [String]?
        public var effective: [String]?
        public var inheritable: [String]?
        public var permitted: [String]?
        public var ambient: [String]?
    }

    /// One setrlimit(2): `type` is `RLIMIT_NOFILE` and the like.
    public struct Rlimit: Codable, Sendable {
        public var type: String
        public var soft: UInt64
        public var hard: UInt64
    }

    /// One mount: any filesystem type, `options` as mount(8) spells them (bind, rbind, ro, nosuid…).
    public struct Mount: Codable, Sendable {
        public var destination: String
        public var type: String?
        public var source: String?
        public var options: [String]?
    }

    /// Programs the runtime runs at points of the container's life, each given the state on stdin.
    public struct Hooks: Codable, Sendable {
        public var prestart: [Hook]?
        public var createRuntime: [Hook]?
        public var createContainer: [Hook]?
        public var startContainer: [Hook]?
        public var poststart: [Hook]?
        public var poststop: [Hook]?
    }

    public struct Hook: Codable, Sendable {
        public var path: String
        public var args: [String]?
        public var env: [String]?
        /// Seconds before the hook is killed and counted as failed.
        public var timeout: Int?
    }

    public struct Linux: Codable, Sendable {
        public var namespaces: [Namespace]?
        public var uidMappings: [IDMapping]?
        public var gidMappings: [IDMapping]?
        public var devices: [Device]?
        public var cgroupsPath: String?
        public var resources: Resources?
        public var sysctl: [String: String]?
        public var maskedPaths: [String]?
        public var readonlyPaths: [String]?
        public var rootfsPropagation: String?
        public var mountLabel: String?
    }

    /// A namespace to create (`path` absent) or to join (`path`: a /proc/PID/ns/KIND file).
    public struct Namespace: Codable, Sendable {
        public var type: String
        public var path: String?
    }

    public struct IDMapping: Codable, Sendable {
        public var containerID: UInt32
        public var hostID: UInt32
        public var size: UInt32
    }

    /// A device node to make in the container: `type` c, b, u or p.
    public struct Device: Codable, Sendable {
        public var type: String
        public var path: String
        public var major: Int64?
        public var minor: Int64?
        public var fileMode: UInt32?
        public var uid: UInt32?
        public var gid: UInt32?
    }

    /// The cgroup limits (config-linux.md, "Control groups").
    public struct Resources: Codable, Sendable {
        public var devices: [DeviceRule]?
        public var memory: Memory?
        public var cpu: CPU?
        public var pids: Pids?
        public var hugepageLimits: [HugepageLimit]?
        public var blockIO: BlockIO?
        public var network: Network?
    }

    /// Block I/O: proportional weights (10-1000) and per-device throttles (v1 blkio, v2 io).
    public struct BlockIO: Codable, Sendable {
        public var weight: UInt16?
        public var leafWeight: UInt16?
        public var weightDevice: [WeightDevice]?
        public var throttleReadBpsDevice: [ThrottleDevice]?
        public var throttleWriteBpsDevice: [ThrottleDevice]?
        public var throttleReadIOPSDevice: [ThrottleDevice]?
        public var throttleWriteIOPSDevice: [ThrottleDevice]?
    }

    /// One block device's weights, named by its numbers.
    public struct WeightDevice: Codable, Sendable {
        public var major: Int64
        public var minor: Int64
        public var weight: UInt16?
        public var leafWeight: UInt16?
    }

    /// One block device's cap: bytes or operations a second.
    public struct ThrottleDevice: Codable, Sendable {
        public var major: Int64
        public var minor: Int64
        public var rate: UInt64
    }

    /// Network traffic marks (v1's net_cls and net_prio): a class id for the packets of the
    /// cgroup's sockets (for tc and iptables), and a priority per interface.
    public struct Network: Codable, Sendable {
        public var classID: UInt32?
        public var priorities: [InterfacePriority]?
    }

    public struct InterfacePriority: Codable, Sendable {
        public var name: String
        public var priority: UInt32
    }

    /// hugetlb's limit for one page size: `pageSize` as the kernel's files name it ("2MB").
    public struct HugepageLimit: Codable, Sendable {
        public var pageSize: String
        public var limit: UInt64
    }

    /// One devices-cgroup rule; a missing major or minor (or -1) means any.
    public struct DeviceRule: Codable, Sendable {
        public var allow: Bool
        public var type: String?
        public var major: Int64?
        public var minor: Int64?
        public var access: String?
    }

    public struct Memory: Codable, Sendable {
        public var limit: Int64?
        public var reservation: Int64?
        public var swap: Int64?
        public var disableOOMKiller: Bool?
        public var swappiness: UInt64?
    }

    public struct CPU: Codable, Sendable {
        public var shares: UInt64?
        public var quota: Int64?
        public var period: UInt64?
        public var cpus: String?
        public var mems: String?
    }

    public struct Pids: Codable, Sendable {
        public var limit: Int64
    }
}
