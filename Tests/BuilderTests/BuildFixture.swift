import Builder
import ContainerRuntime
import Explain
import FoundationEssentials
import ImageStore
import LinuxKernel
import OCI
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Remembers what a build reported for each step, for tests.
final class RecordingProgress: BuildProgress {
    struct Step: Equatable {
        var text: String
        var cached: Bool
        var configOnly: Bool
    }
    private let state = Mutex<(steps: [Step], output: [String])>(([], []))

    func stepStarted(number: Int, total: Int, text: String) {
        state.withLock { $0.steps.append(Step(text: text, cached: false, configOnly: false)) }
    }
    func stepOutput(_ line: String) { state.withLock { $0.output.append(line) } }
    func stepFinished(number: Int, cached: Bool, configOnly: Bool, seconds: Double) {
        state.withLock {
            $0.steps[$0.steps.count - 1].cached = cached
            $0.steps[$0.steps.count - 1].configOnly = configOnly
        }
    }
    func message(_ text: String) {}

    var steps: [Step] { state.withLock { $0.steps } }
    var output: [String] { state.withLock { $0.output } }
}

/// A storage root and a build context in a temporary directory, a builder over the live kernel,
/// and helpers to run the images it makes.
final class BuildFixture {
    let directory: TemporaryDirectory
    let events = EventRecorder()
    var root: String { directory.appending("root") }
    var context: String { directory.appending("context") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "build")
        try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ contents: String) throws {
        try directory.write("context/" + relative, contents)
    }

    @discardableResult
    func build(_ dockerfile: String, tags: [String] = ["test:latest"], arguments: [String: String] = [:],
               target: String? = nil, noCache: Bool = false, progress: RecordingProgress = RecordingProgress()) throws -> Builder.Result {
        try write("Dockerfile", dockerfile)
        let builder = try Builder(root: root, kernel: LiveKernel(events: events), progress: progress)
        return try builder.build(BuildRequest(contextDirectory: context, dockerfilePath: context + "/Dockerfile",
                                              tags: try tags.map { try ImageReference(parsing: $0) },
                                              buildArguments: arguments, target: target, noCache: noCache))
    }

    var store: ImageStore {
        get throws { try ImageStore(root: root) }
    }

    /// Runs a command in an image the fixture built and returns what it printed.
    func run(_ image: String, _ command: [String] = []) throws -> (Int32, String) {
        let store = try self.store
        let stored = try store.resolve(image, events: DiscardingSink())
        let config = stored.config.config
        let runnable = RunnableImage(reference: image, id: stored.id.string,
                                     lowerdirs: try store.unpackedLayers(of: stored, events: DiscardingSink()),
                                     environment: config?.env ?? [], entrypoint: config?.entrypoint ?? [],
                                     command: config?.cmd ?? [], workingDirectory: config?.workingDir ?? "",
                                     user: config?.user ?? "")
        let output = directory.appending("run-output-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(output, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        let runner = ContainerRunner(store: ContainerStore(root: root), kernel: LiveKernel(events: DiscardingSink()))
        let outcome = try runner.run(RunRequest(image: runnable, command: command, autoRemove: true,
                                                standardOutput: fd, standardError: fd))
        let text = FileManager.default.contents(atPath: output).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (outcome.exitCode, text)
    }

    /// Nothing a build made may outlive it: no build container, cgroup or mount.
    func assertNothingLeftBehind() -> [String] {
        var problems: [String] = []
        let containers = (try? FileManager.default.contentsOfDirectory(atPath: root + "/build/containers")) ?? []
        if !containers.isEmpty { problems.append("build containers left: \(containers)") }
        let mounts = FileManager.default.contents(atPath: "/proc/self/mountinfo").map { String(decoding: $0, as: UTF8.self) } ?? ""
        if mounts.contains(root) { problems.append("a mount under \(root) is still there") }
        for hierarchy in ["memory", "cpu", "pids"] {
            let parent = "/sys/fs/cgroup/\(hierarchy)/dockyard"
            for id in containers where FileManager.default.fileExists(atPath: parent + "/" + id) {
                problems.append("cgroup \(parent)/\(id) left")
            }
        }
        return problems
    }
}
