import ContainerRuntime
import OCI

/// What `dockyard build` asks for: a context directory, a Dockerfile, and Docker's build options.
public struct BuildRequest: Sendable {
    /// The build context: the directory COPY and ADD read from.
    public var contextDirectory: String
    /// The Dockerfile's path (default: CONTEXT/Dockerfile).
    public var dockerfilePath: String
    /// Names the finished image gets (`-t`).
    public var tags: [ImageReference]
    /// `--build-arg KEY=VALUE` (or `KEY`, taken from the environment).
    public var buildArguments: [String: String]
    /// `--target STAGE`: build up to this stage only.
    public var target: String?
    /// `--no-cache`: run every step even if an identical one ran before.
    public var noCache: Bool
    /// `--network`: where RUN steps' containers are connected. Docker's default puts each on
    /// the default bridge, with a network namespace of its own; `host` shares the host's.
    public var network: RunRequest.Network = .bridge
    /// `--label KEY=VALUE`: set on the finished image, over any LABEL of the Dockerfile.
    public var labels: [String: String] = [:]

    public init(contextDirectory: String, dockerfilePath: String, tags: [ImageReference] = [],
                buildArguments: [String: String] = [:], target: String? = nil, noCache: Bool = false) {
        self.contextDirectory = contextDirectory
        self.dockerfilePath = dockerfilePath
        self.tags = tags
        self.buildArguments = buildArguments
        self.target = target
        self.noCache = noCache
    }
}
