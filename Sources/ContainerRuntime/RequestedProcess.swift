/// What the image and the flags asked a container to run, before Dockyard resolved it: Docker's
/// `Config.Entrypoint`, `Config.Cmd`, `Config.Env`, `Config.WorkingDir` and `Config.ExposedPorts`.
/// The resolved form (`ContainerConfiguration.argv`, `environment`, `workingDirectory`) is what
/// the kernel gets — with `--init` in front, HOSTNAME and HOME added, `/` for an empty WORKDIR —
/// and cannot be split back, so `inspect` reads this. Records written before it was kept have none.
public struct RequestedProcess: Codable, Sendable, Equatable {
    /// The image's ENTRYPOINT, or `--entrypoint` (empty: none).
    public var entrypoint: [String]
    /// The arguments after the image name, or the image's CMD (dropped by `--entrypoint`).
    public var cmd: [String]
    /// `-e` values, then the image's ENV entries that no `-e` replaced, as Docker merges them.
    public var env: [String]
    /// `-w`, or the image's WORKDIR; empty when neither says.
    public var workingDir: String
    /// The image's EXPOSE ports and the container ports of `-p`, as "80/tcp".
    public var exposedPorts: [String]

    public init(entrypoint: [String], cmd: [String], env: [String], workingDir: String, exposedPorts: [String]) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.env = env
        self.workingDir = workingDir
        self.exposedPorts = exposedPorts
    }

    /// Docker's rules, as `RunRequest.argv` applies them to the command: `--entrypoint` replaces
    /// ENTRYPOINT and drops CMD; arguments after the image replace CMD. `-e KEY` without a value
    /// takes dockyard's own variable, and is left out when that is unset (as the docker CLI does).
    /// The host's environment is read only for a bare `-e KEY` (building it costs every `run`
    /// 0.35 M instructions otherwise).
    public init(_ request: RunRequest, hostEnvironment readHostEnvironment: @autoclosure () -> [String: String]) {
        if let entrypoint = request.entrypoint {
            self.entrypoint = entrypoint.isEmpty ? [] : [entrypoint]
            cmd = request.command
        } else {
            entrypoint = request.image.entrypoint
            cmd = request.command.isEmpty ? request.image.command : request.command
        }
        var given: [String] = []
        for item in request.environment {
            if item.contains("=") { given.append(item) }
            else if let value = readHostEnvironment()[item] { given.append("\(item)=\(value)") }
        }
        let givenKeys = Set(given.map(Self.key))
        env = given + request.image.environment.filter { !givenKeys.contains(Self.key($0)) }
        workingDir = request.workingDirectory ?? request.image.workingDirectory
        var ports = request.image.exposedPorts
        for port in request.publishedPorts.map({ "\($0.containerPort)/\($0.proto)" }) where !ports.contains(port) {
            ports.append(port)
        }
        exposedPorts = ports
    }

    private static func key(_ entry: String) -> Substring {
        entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
    }
}
