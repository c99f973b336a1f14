import ArgumentParser
import ContainerRuntime
import Builder
import Explain
import FoundationEssentials
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard build`: build an image from a Dockerfile, like `docker build`.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build an image from a Dockerfile.",
        discussion: """
        Each RUN runs in a real container whose writable layer becomes a new image layer; COPY and \
        ADD make layers from files; the other instructions change only the image's config. Add \
        --explain to see each step's container, the files its layer holds, and the config it changed.
        """)

    @Option(name: [.short, .customLong("tag")], help: ArgumentHelp("Name and optionally a tag (name:tag).", valueName: "name"))
    var tags: [String] = []
    @Option(name: [.short, .customLong("file")], help: "Name of the Dockerfile (default: CONTEXT/Dockerfile).")
    var file: String?
    @Option(name: .customLong("build-arg"), help: ArgumentHelp("Set a build-time variable.", valueName: "KEY=VALUE"))
    var buildArgs: [String] = []
    @Option(name: .long, help: "Set the target build stage to build.") var target: String?
    @Flag(name: .customLong("no-cache"), help: "Do not use the cache when building the image.") var noCache = false
    @Option(name: .long, help: ArgumentHelp("Progress output: auto, plain or quiet.", valueName: "auto|plain|quiet"))
    var progress: String = "auto"
    @Flag(name: [.short, .long], help: "Suppress the build output and print the image ID on success.") var quiet = false
    @Option(name: .long, help: ArgumentHelp("The networking mode for RUN instructions: default (the bridge), none or host.",
                                            valueName: "default|none|host"))
    var network = "default"
    @Option(name: .long, help: ArgumentHelp("Print each step's kernel objects, layer and config changes (text or json), on stderr.",
                                            valueName: "text|json"))
    var explain: ExplainMode?
    @Option(name: .long, help: ArgumentHelp("When to pull the FROM images: always (a bare --pull), missing or never.",
                                            valueName: "always|missing|never"))
    var pull: PullPolicy = .missing
    @Option(name: .long, help: ArgumentHelp("Set metadata on the image.", valueName: "KEY=VALUE")) var label: [String] = []
    @Option(name: .long, help: ArgumentHelp("Write the image ID to the file.", valueName: "file")) var iidfile: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Also write the image's files: type=local,dest=DIR or type=tar,dest=FILE (DIR, or - for a tar on stdout).",
                                                      valueName: "spec"))
    var output: String?
    @OptionGroup var storage: StorageOptions

    @Argument(help: "The build context directory, or - to read a Dockerfile from standard input with no context.") var context: String

    func validate() throws {
        guard ["auto", "plain", "quiet", "tty"].contains(progress) else {
            throw ValidationError("invalid argument \"\(progress)\" for \"--progress\" flag: use auto, plain or quiet")
        }
        for tag in tags {
            do { _ = try ImageReference(parsing: tag) } catch {
                throw ValidationError("invalid argument \"\(tag)\" for \"-t, --tag\" flag: \(error)")
            }
        }
        guard Self.networks[network] != nil else {
            throw ValidationError("invalid argument \"\(network)\" for \"--network\" flag: use default, bridge, none or host")
        }
        for argument in buildArgs where argument.hasPrefix("=") || argument.isEmpty {
            throw ValidationError("invalid argument \"\(argument)\" for \"--build-arg\" flag: expected KEY=VALUE")
        }
        for item in label where item.hasPrefix("=") || item.isEmpty {
            throw ValidationError("invalid argument \"\(item)\" for \"--label\" flag: expected KEY=VALUE")
        }
        if let output { _ = try BuildOutput(parsing: output) }
        if context == "-" && file == "-" {
            throw ValidationError("invalid argument: can't use stdin for both build context and dockerfile")
        }
    }

    /// `--network` values: Docker's `default` is the default bridge.
    static let networks: [String: RunRequest.Network] = ["default": .bridge, "bridge": .bridge, "none": .none, "host": .host]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        let silent = quiet || progress == "quiet"
        let progressOutput: any BuildProgress = silent
            ? QuietProgress()
            : PlainProgress(colors: progress != "plain" && isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
                            write: StandardError.write)
        // A Dockerfile on stdin (`build -`, `build -f - DIR`) is kept in a private directory,
        // which is also the (empty) context of `build -`.
        let standardInput = context == "-" || file == "-" ? try StdinDockerfile(in: engine.root) : nil
        defer { standardInput?.remove() }
        let contextDirectory = context == "-" ? standardInput?.emptyContext ?? context : context
        var request = BuildRequest(
            contextDirectory: contextDirectory,
            dockerfilePath: standardInput?.path ?? file ?? (context.hasSuffix("/") ? context : context + "/") + "Dockerfile",
            tags: tags.compactMap { try? ImageReference(parsing: $0) },
            buildArguments: Self.arguments(buildArgs), target: target, noCache: noCache)
        request.network = Self.networks[network] ?? .bridge
        request.labels = Self.arguments(label)
        let result: Builder.Result
        do {
            var builder = try Builder(root: engine.root, kernel: engine.kernel, progress: progressOutput)
            let pull = self.pull, events = engine.kernel.events
            builder.fetchBase = { name, store in try pull.apply(to: name, store: store, events: events) }
            result = try builder.build(request)
            if let iidfile { try (result.image.id.string).write(toFile: iidfile, atomically: true, encoding: .utf8) }
            if let output { try BuildOutput(parsing: output).write(result.image, store: engine.images()) }
        } catch {
            StandardError.line("ERROR: \(error)")
            throw ExitCode(1)
        }
        if !result.unusedArguments.isEmpty {
            StandardError.line("[Warning] One or more build-args \(result.unusedArguments) were not consumed")
        }
        if silent {
            // `-o -` puts a tar on stdout: the ID would corrupt it.
            if output != "-" { print(result.image.id.string) }
        } else {
            StandardError.line("writing image \(result.image.id.string) done")
            for tag in request.tags { StandardError.line("naming to \(tag) done") }
        }
    }

    /// `KEY=VALUE` pairs; a bare `KEY` takes its value from the environment, if set.
    static func arguments(_ list: [String]) -> [String: String] {
        var values: [String: String] = [:]
        let environment = ProcessInfo.processInfo.environment
        for item in list {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            if parts.count == 2 { values[key] = String(parts[1]) } else if let value = environment[key] { values[key] = value }
        }
        return values
    }
}
