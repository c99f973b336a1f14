/// The defaults an image gives the containers run from it: user, environment, entrypoint and command,
/// working directory, ports, volumes, labels, stop signal — the `config` object of an OCI image config.
///
/// JSON keys are the image spec's capitalised ones (`Env`, `Cmd`, …). `ExposedPorts` and `Volumes`
/// are JSON objects whose values are always `{}`; here they are plain sorted lists of their keys.
/// `Healthcheck`, `OnBuild` and `Shell` are Docker's extensions, kept so built images round-trip.
public struct ContainerConfig: Sendable, Hashable {
    public var user: String?
    /// e.g. `["80/tcp"]`.
    public var exposedPorts: [String]?
    /// `KEY=value` strings, in order.
    public var env: [String]?
    public var entrypoint: [String]?
    public var cmd: [String]?
    public var volumes: [String]?
    public var workingDir: String?
    public var labels: [String: String]?
    public var stopSignal: String?
    public var argsEscaped: Bool?
    public var healthcheck: Healthcheck?
    public var onBuild: [String]?
    public var shell: [String]?

    public init(user: String? = nil, exposedPorts: [String]? = nil, env: [String]? = nil,
                entrypoint: [String]? = nil, cmd: [String]? = nil, volumes: [String]? = nil,
                workingDir: String? = nil, labels: [String: String]? = nil, stopSignal: String? = nil) {
        self.user = user
        self.exposedPorts = exposedPorts
        self.env = env
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.volumes = volumes
        self.workingDir = workingDir
        self.labels = labels
        self.stopSignal = stopSignal
    }

    /// Docker's HEALTHCHECK: a test command and its timing; durations in nanoseconds.
    public struct Healthcheck: Codable, Sendable, Hashable {
        public var test: [String]?
        public var interval: Int64?
        public var timeout: Int64?
        public var startPeriod: Int64?
        public var retries: Int?

        enum CodingKeys: String, CodingKey {
            case test = "Test", interval = "Interval", timeout = "Timeout"
            case startPeriod = "StartPeriod", retries = "Retries"
        }

        public init(test: [String]? = nil, interval: Int64? = nil, timeout: Int64? = nil,
                    startPeriod: Int64? = nil, retries: Int? = nil) {
            self.test = test
            self.interval = interval
            self.timeout = timeout
            self.startPeriod = startPeriod
            self.retries = retries
        }
    }
}

extension ContainerConfig: Codable {
    enum CodingKeys: String, CodingKey {
        case user = "User", exposedPorts = "ExposedPorts", env = "Env", entrypoint = "Entrypoint"
        case cmd = "Cmd", volumes = "Volumes", workingDir = "WorkingDir", labels = "Labels"
        case stopSignal = "StopSignal", argsEscaped = "ArgsEscaped", healthcheck = "Healthcheck"
        case onBuild = "OnBuild", shell = "Shell"
    }

    /// The `{}` value of each key in `ExposedPorts` and `Volumes`.
    private struct EmptyObject: Codable, Hashable {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decodeIfPresent(String.self, forKey: .user)
        exposedPorts = try c.decodeIfPresent([String: EmptyObject].self, forKey: .exposedPorts).map { $0.keys.sorted() }
        env = try c.decodeIfPresent([String].self, forKey: .env)
        entrypoint = try c.decodeIfPresent([String].self, forKey: .entrypoint)
        cmd = try c.decodeIfPresent([String].self, forKey: .cmd)
        volumes = try c.decodeIfPresent([String: EmptyObject].self, forKey: .volumes).map { $0.keys.sorted() }
        workingDir = try c.decodeIfPresent(String.self, forKey: .workingDir)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels)
        stopSignal = try c.decodeIfPresent(String.self, forKey: .stopSignal)
        argsEscaped = try c.decodeIfPresent(Bool.self, forKey: .argsEscaped)
        healthcheck = try c.decodeIfPresent(Healthcheck.self, forKey: .healthcheck)
        onBuild = try c.decodeIfPresent([String].self, forKey: .onBuild)
        shell = try c.decodeIfPresent([String].self, forKey: .shell)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(user, forKey: .user)
        try c.encodeIfPresent(exposedPorts.map(Self.objectSet), forKey: .exposedPorts)
        try c.encodeIfPresent(env, forKey: .env)
        try c.encodeIfPresent(entrypoint, forKey: .entrypoint)
        try c.encodeIfPresent(cmd, forKey: .cmd)
        try c.encodeIfPresent(volumes.map(Self.objectSet), forKey: .volumes)
        try c.encodeIfPresent(workingDir, forKey: .workingDir)
        try c.encodeIfPresent(labels, forKey: .labels)
        try c.encodeIfPresent(stopSignal, forKey: .stopSignal)
        try c.encodeIfPresent(argsEscaped, forKey: .argsEscaped)
        try c.encodeIfPresent(healthcheck, forKey: .healthcheck)
        try c.encodeIfPresent(onBuild, forKey: .onBuild)
        try c.encodeIfPresent(shell, forKey: .shell)
    }

    private static func objectSet(_ keys: [String]) -> [String: EmptyObject] {
        Dictionary(keys.map { ($0, EmptyObject()) }, uniquingKeysWith: { first, _ in first })
    }
}
