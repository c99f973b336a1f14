import ContainerRuntime
import DockerfileSyntax
import Explain
import FoundationEssentials
import ImageStore
import LinuxKernel
import OCI

/// Builds an image from a Dockerfile, the way `docker build` does: each stage starts from its
/// base image, each RUN runs in a real container whose writable layer becomes the next layer,
/// COPY and ADD turn files into layers, and the other instructions change only the image's
/// config. Steps are cached by what went into them; the image is committed (and tagged) only
/// once every step has succeeded, so a failed build leaves no image behind.
public struct Builder {
    public let root: String
    let store: ImageStore
    let kernel: any Kernel
    let progress: any BuildProgress
    let cache: BuildCache
    /// RUN containers are kept apart from the user's, so `ps -a` never lists them.
    let containers: ContainerStore
    /// Makes a base image (`FROM x`, `COPY --from=x`) present before the store is asked for it:
    /// the CLI pulls what is missing (or everything, with `--pull always`). The builder itself
    /// never talks to a registry.
    public var fetchBase: (@Sendable (String, ImageStore) throws -> Void)?

    public init(root: String, kernel: any Kernel, progress: any BuildProgress) throws {
        self.root = root
        self.store = try ImageStore(root: root)
        self.kernel = kernel
        self.progress = progress
        self.cache = BuildCache(root: root)
        self.containers = ContainerStore(root: Self.buildContainersRoot(root))
    }

    /// Where RUN containers live while they run.
    public static func buildContainersRoot(_ root: String) -> String { root + "/build" }

    var events: any EventSink { kernel.events }

    /// What a finished build made.
    public struct Result: Sendable {
        public var image: StoredImage
        /// Build arguments no ARG used (Docker warns about these).
        public var unusedArguments: [String]
    }

    public func build(_ request: BuildRequest) throws -> Result {
        // While the build writes layers that no tag reaches yet, `image prune` must wait.
        try store.withWriteLease { try buildHoldingLease(request) }
    }

    private func buildHoldingLease(_ request: BuildRequest) throws -> Result {
        let fileName = request.dockerfilePath
        let bytes = try FileContents.read(fileName)
        let dockerfile: Dockerfile
        do {
            dockerfile = try Dockerfile(bytes: bytes)
        } catch {
            throw BuildError(parseError: error, fileName: fileName, source: try? SourceFile(bytes: bytes))
        }
        let context = try BuildContext(directory: request.contextDirectory)
        let plan = try BuildPlan(dockerfile: dockerfile, target: request.target, fileName: fileName,
                                 buildArguments: request.buildArguments)
        var session = BuildSession(builder: self, request: request, plan: plan, context: context,
                                   lexer: ShellLexer(escape: dockerfile.directives.escape), fileName: fileName)
        var finished: [Int: StageState] = [:]
        for index in plan.needed {
            finished[index] = try session.build(stage: plan.stages[index], finished: finished)
        }
        guard let last = plan.needed.last, var state = finished[last] else {
            throw BuildError("nothing to build", fileName: fileName)
        }
        state.config.created = state.lastCreated ?? BuildSession.now()
        if !request.labels.isEmpty {
            state.containerConfig.labels = (state.containerConfig.labels ?? [:]).merging(request.labels) { _, flag in flag }
        }
        state.config.config = state.containerConfig
        let image = try store.commit(config: state.config, layers: state.layers, tags: request.tags)
        return Result(image: image, unusedArguments: session.arguments.unconsumed)
    }
}
