import LinuxKernel

/// What `dockyard run` asks for, after flag parsing: Docker's run options that Dockyard supports.
public struct RunRequest: Sendable {
    /// Docker's `--network`: `none`, `host`, `bridge` (the default network), a user network's
    /// name (Network/ has the bridge networks), or `container:NAME|ID`, another container's
    /// network namespace. A struct, because user networks are open-ended.
    public struct Network: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: String
        /// Nil for a name Docker would refuse.
        public init?(rawValue: String) {
            guard ["none", "host"].contains(rawValue) || NetworkStore.isValidName(rawValue)
                || (rawValue.hasPrefix(Self.containerPrefix) && rawValue.count > Self.containerPrefix.count) else { return nil }
            self.rawValue = rawValue
        }
        static let containerPrefix = "container:"
        /// The container whose network namespace this one shares (`container:NAME|ID`), if any.
        public var container: String? {
            rawValue.hasPrefix(Self.containerPrefix) ? String(rawValue.dropFirst(Self.containerPrefix.count)) : nil
        }
        /// Another container's network namespace, by id.
        public static func container(_ id: String) -> Network { Network(unchecked: Self.containerPrefix + id) }
        /// A network namespace of its own with only loopback.
        public static let none = Network(unchecked: "none")
        /// The host's network namespace.
        public static let host = Network(unchecked: "host")
        /// The default bridge network, `dockyard0`.
        public static let bridge = Network(unchecked: "bridge")
        private init(unchecked: String) { rawValue = unchecked }
    }

    public var image: RunnableImage
    public var name: String?
    public var hostname: String?
    /// `-e KEY=VALUE` (or `-e KEY`, taken from dockyard's own environment).
    public var environment: [String]
    public var workingDirectory: String?
    public var user: String?
    public var entrypoint: String?
    /// COMMAND and ARGs after the image name; empty uses the image's Cmd.
    public var command: [String]
    public var limits: ResourceLimits
    public var network: Network
    public var interactive: Bool
    public var tty: Bool
    public var autoRemove: Bool
    /// The process that creates the container starts it too (a foreground `run`, not `create`
    /// or `run -d`): with `autoRemove`, the record names that process (`CreatingRun`).
    public var startedByCreator = false
    /// `--restart`.
    public var restartPolicy: RestartPolicy = .no
    /// `--init`: the host path of dockyard-init to run as pid 1 in front of the command.
    public var initBinary: String?
    /// `-p` (and `-P`, the image's EXPOSE ports with host port 0): ports to publish (Network/PortMapping.swift).
    public var publishedPorts: [PortMapping] = []
    /// `-v` and `--tmpfs` (Volumes/), and `--read-only`.
    public var mounts: [VolumeMount] = []
    public var readOnlyRootfs = false
    /// `--privileged`, `--cap-add`, `--cap-drop`, `--security-opt`.
    public var security = SecurityOptions()
    /// `--userns remap`: a user namespace of its own, root inside being uid 100000 outside.
    public var userNamespace = false
    /// `--device HOST[:CONTAINER[:rwm]]`, as parsed; the host nodes are read at create.
    public var devices: [DeviceMapping] = []
    /// `--group-add`: more supplementary groups, names from the image's /etc/group or numbers.
    public var groupAdd: [String] = []
    /// `--pid`, `--ipc`, `--uts` (Sharing/).
    public var pidMode: NamespaceMode = .private
    public var ipcMode: NamespaceMode = .private
    public var utsMode: NamespaceMode = .private
    /// `--pod NAME|ID`: join the pod's namespaces; resolved to its id at create.
    public var pod: String?
    /// `--stop-signal`, as a number (nil: the image's STOPSIGNAL, else SIGTERM).
    public var stopSignal: Int32?
    /// `--stop-timeout`: seconds `stop` waits before SIGKILL (nil: 10, Docker's default).
    public var stopTimeout: Int?
    /// `-l/--label` and `--label-file`.
    public var labels: [String: String] = [:]
    /// `--add-host`, `--dns`, `--dns-search`.
    public var nameResolution = NameResolution()
    /// `--ulimit`.
    public var ulimits: [ResourceLimit] = []
    /// `--sysctl`: only namespaced ones (`Sysctls.check`).
    public var sysctls: [String: String] = [:]
    /// `--shm-size` in bytes.
    public var shmSize: Int64?
    /// `--cidfile`.
    public var containerIDFile: String?
    /// `--health-*` and `--no-healthcheck` (nil: the image's HEALTHCHECK as it is).
    public var healthcheck: Healthcheck?
    /// `--log-driver` and `--log-opt` (nil: json-file, no rotation).
    public var logConfig: LogConfig?
    /// `--cgroupns host`: stay in the host's cgroup namespace.
    public var cgroupnsHost = false
    /// Where the container's stdout and stderr go; nil shares dockyard's own.
    /// (Tests and the builder capture output this way.)
    public var standardOutput: Int32?
    public var standardError: Int32?

    public init(image: RunnableImage, name: String? = nil, hostname: String? = nil, environment: [String] = [],
                workingDirectory: String? = nil, user: String? = nil, entrypoint: String? = nil,
                command: [String] = [], limits: ResourceLimits = ResourceLimits(), network: Network = .none,
                interactive: Bool = false, tty: Bool = false, autoRemove: Bool = false, restartPolicy: RestartPolicy = .no,
                standardOutput: Int32? = nil, standardError: Int32? = nil) {
        self.image = image
        self.name = name
        self.hostname = hostname
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
        self.entrypoint = entrypoint
        self.command = command
        self.limits = limits
        self.network = network
        self.interactive = interactive
        self.tty = tty
        self.autoRemove = autoRemove
        self.restartPolicy = restartPolicy
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Docker's rule for what runs: ENTRYPOINT + CMD, where arguments after the image replace CMD,
    /// and `--entrypoint` replaces ENTRYPOINT and drops the image's CMD.
    public var argv: [String] {
        if let entrypoint {
            return (entrypoint.isEmpty ? [] : [entrypoint]) + command
        }
        return image.entrypoint + (command.isEmpty ? image.command : command)
    }

    /// The process's environment: the image's, then `-e` values, then what Docker always adds.
    /// The host's environment is read only for a bare `-e KEY` (building it costs ~0.35 M
    /// instructions, which `run` need not pay).
    public func processEnvironment(hostname: String, home: String,
                                   hostEnvironment readHostEnvironment: @autoclosure () -> [String: String]) -> [String] {
        var hostEnvironment: [String: String] { readHostEnvironment() }
        var entries: [(String, String)] = []
        func set(_ key: String, _ value: String) {
            if let index = entries.firstIndex(where: { $0.0 == key }) { entries[index].1 = value }
            else { entries.append((key, value)) }
        }
        for item in image.environment {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            set(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        for item in environment {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count > 1 { set(String(parts[0]), String(parts[1])) }
            else if let value = hostEnvironment[String(parts[0])] { set(String(parts[0]), value) }
        }
        if !entries.contains(where: { $0.0 == "PATH" }) {
            entries.insert(("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), at: 0)
        }
        set("HOSTNAME", hostname)
        if !entries.contains(where: { $0.0 == "HOME" }) { set("HOME", home) }
        if tty, !entries.contains(where: { $0.0 == "TERM" }) { set("TERM", "xterm") }
        return entries.map { "\($0.0)=\($0.1)" }
    }
}
