import HostSystem
import ArgumentParser
import ContainerRuntime
import DockerfileSyntax
import Explain
import ImageStore
import Foundation
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard run`: create a container from an image and run a command in it, like `docker run`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a command in a new container.",
        discussion: """
        Creates new mount, pid, uts, ipc, net and cgroup namespaces, an overlay of the image's layers \
        with a fresh writable layer on top, and a cgroup with the limits asked for; then runs COMMAND. \
        Add --explain to see every kernel object as it is created, or --simulate to see it without root.
        """,
        helpNames: [.long])

    @Flag(name: .long, help: "Remove the container when it exits.") var rm = false
    @Flag(name: [.short, .long], help: "Run the container in the background and print its id.") var detach = false
    @Flag(name: .long, help: "Run an init as pid 1 that forwards signals and reaps zombies.") var `init` = false
    @Option(name: .long, help: ArgumentHelp("Restart policy: no, on-failure[:max-retries] or always.", valueName: "policy"))
    var restart: String = "no"
    @Option(name: .customLong("stop-signal"),
            help: ArgumentHelp("Signal to stop the container (default: the image's STOPSIGNAL, or SIGTERM).", valueName: "signal"))
    var stopSignal: String?
    @Option(name: .customLong("stop-timeout"),
            help: ArgumentHelp("Seconds to wait after the stop signal before SIGKILL (default 10).", valueName: "seconds"))
    var stopTimeout: Int?
    @Option(name: .long, help: "Assign a name to the container.") var name: String?
    @Option(name: [.short, .long], help: "Container host name (default: the short container id).") var hostname: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Set an environment variable.", valueName: "KEY=VALUE"))
    var env: [String] = []
    @Option(name: [.short, .long], help: "Working directory inside the container.") var workdir: String?
    @Option(name: [.short, .long], help: ArgumentHelp("User to run as.", valueName: "name|uid[:group|gid]"))
    var user: String?
    @Option(name: .customLong("group-add"), help: ArgumentHelp("Add an additional group to join.", valueName: "group"))
    var groupAdd: [String] = []
    @Option(name: .long, help: "Overwrite the image's ENTRYPOINT.") var entrypoint: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Memory limit, e.g. 64m.", valueName: "bytes")) var memory: String?
    @Option(name: .long, help: "Number of CPUs, e.g. 0.5.") var cpus: String?
    @Option(name: .customLong("pids-limit"), help: "Most processes at once (-1 for unlimited).") var pidsLimit: Int64?
    @Option(name: .long, help: ArgumentHelp("Network: bridge (dockyard0), a user network's name, none (loopback only) or host.",
                                            valueName: "bridge|NAME|none|host"))
    var network: String = "bridge"
    @OptionGroup var publishing: PublishOptions   // -p, -P
    @OptionGroup var volumes: VolumeOptions   // -v, --tmpfs, --read-only
    @OptionGroup var security: SecurityFlags   // --privileged, --cap-add, --cap-drop, --security-opt
    @OptionGroup var devices: DeviceFlags   // --device
    @OptionGroup var settings: RunSettingsFlags   // --memory-swap, --ulimit, --sysctl, --dns, -l, --env-file, -a, …
    @Flag(name: [.short, .long], help: "Keep STDIN open.") var interactive = false
    @Flag(name: [.short, .long], help: "Allocate a pseudo-TTY.") var tty = false
    @Option(name: .long, help: ArgumentHelp("Print every kernel object as it is created (text or json), on stderr.",
                                            valueName: "text|json"))
    var explain: ExplainMode?
    @Option(name: .long, help: ArgumentHelp("Pull image before running: always, missing or never.", valueName: "always|missing|never"))
    var pull: PullPolicy = .missing
    @Flag(name: .long, help: "Show what would be created, without root and without running anything.")
    var simulate = false
    @OptionGroup var storage: StorageOptions

    @Argument(help: "The image to run, e.g. busybox.") var image: String
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments (default: the image's).")
    var command: [String] = []

    func validate() throws {
        if let memory {
            let bytes: Int64
            do { bytes = try ByteSize.parse(memory) } catch { throw ValidationError("invalid argument \"\(memory)\" for \"-m, --memory\" flag: \(error)") }
            // Docker's floor: below it the process is OOM-killed before it can even exec.
            if bytes < 6 * 1024 * 1024 { throw ValidationError("Minimum memory limit allowed is 6MB (got \(memory))") }
        }
        if let cpus, Double(cpus).map({ $0 > 0 && $0.isFinite }) != true {
            throw ValidationError("invalid argument \"\(cpus)\" for \"--cpus\" flag: expected a positive number of CPUs, e.g. 0.5")
        }
        if let pidsLimit, pidsLimit == 0 || pidsLimit < -1 {
            throw ValidationError("invalid argument \"\(pidsLimit)\" for \"--pids-limit\" flag: expected a positive number or -1")
        }
        if RestartPolicy(parsing: restart) == nil {
            throw ValidationError("invalid argument \"\(restart)\" for \"--restart\" flag: use no, on-failure[:N] or always")
        }
        if rm && RestartPolicy(parsing: restart) != RestartPolicy.no {
            throw ValidationError("conflicting options: cannot specify both --restart and --rm")
        }
        if let stopSignal, Signal.number(named: stopSignal) == nil {
            throw ValidationError("invalid argument \"\(stopSignal)\" for \"--stop-signal\" flag: invalid signal: \(stopSignal)")
        }
        if detach && simulate {
            throw ValidationError("--detach and --simulate cannot be combined: a simulated container never runs")
        }
        if RunRequest.Network(rawValue: network) == nil {
            throw ValidationError("invalid argument \"\(network)\" for \"--network\" flag: use bridge, a network's name, none or host")
        }
    }

    func run() throws {
        try checkStreams()
        let renderer = explain?.renderer ?? (simulate ? ExplainMode.text.renderer : DiscardingSink())
        let engine = Engine(root: storage.resolvedRoot, events: renderer, simulate: simulate)

        let outcome: ContainerRunner.Outcome
        do {
            engine.sweep()
            var runnable = try engine.runnableImages.runnable(image, events: renderer, pull: pull)
            for port in try settings.exposedPorts() where !runnable.exposedPorts.contains(port) { runnable.exposedPorts.append(port) }
            var request = try request(for: runnable)
            try applyContainerSettings(to: &request, cgroupVersion: engine.runner.cgroups.version)
            request.groupAdd = groupAdd
            request.stopSignal = stopSignal.flatMap(Signal.number(named:))
            request.stopTimeout = stopTimeout
            if self.`init` {
                let built = try Self.initBinary()
                request.initBinary = try engine.host.installInit(from: built, root: engine.root)
            }
            try volumes.apply(to: &request, root: engine.root, host: engine.host, events: renderer)
            request.security = try security.parsed()
            request.userNamespace = security.userns == "remap"
            request.devices = try devices.parsed()
            let containerIDFile = simulate ? nil : try settings.openContainerIDFile()
            if detach {
                // The monitor must not inherit this command's explain renderer: it relays its own.
                let record = try created(request, by: Engine(root: engine.root).runner, containerIDFile: containerIDFile)
                do { try engine.detachedStart(explain: explain).start(record.id) }
                catch let failure as DetachedStart.Failure { throw failure.exitCode }
                print(record.id.full)
                return
            }
            var runner = engine.runner
            // With --explain, the run ends by showing what it changed in its writable layer.
            if explain != nil { runner.writableLayerChanges = ContainerChanges.list }
            let record = try created(request, by: runner, containerIDFile: containerIDFile)
            outcome = try runner.start(record, io: try streams(request))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failWithDockerStatus(error)
        }
        if simulate {
            StandardError.line("dockyard: simulated: nothing was created and \"\(outcome.record.config.commandLine)\" was not executed.")
        }
        if outcome.oomKilled {
            StandardError.line("dockyard: container \(outcome.record.id.short) was killed by the kernel's OOM killer: it reached its memory limit (\(memory ?? "")).")
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// Docker's client checks before anything is made: `-it` needs a terminal on stdin (exit 1,
    /// as Docker's "the input device is not a TTY"), and `-a` cannot go with `-d`.
    func checkStreams() throws {
        if interactive && tty && !detach && !simulate && isatty(0) == 0 {
            StandardError.line("the input device is not a TTY")
            throw ExitCode(1)
        }
        if detach && !settings.attach.isEmpty {
            StandardError.line("conflicting options: cannot specify both --attach and --detach")
            throw ExitCode(1)
        }
    }

    /// The flags beyond the process and its image: limits, rlimits, sysctls, /dev/shm, labels,
    /// name resolution, variables from files, the id file. `--oom-kill-disable` needs cgroup v1
    /// (v2 has no such switch): elsewhere it is dropped with Docker's warning.
    func applyContainerSettings(to request: inout RunRequest, cgroupVersion: Int) throws {
        try settings.apply(to: &request)
        if request.limits.oomKillDisable {
            if cgroupVersion != 1 {
                StandardError.line("WARNING: Your kernel does not support OomKillDisable. OomKillDisable discarded.")
                request.limits.oomKillDisable = false
            } else if request.limits.memoryBytes == nil {
                StandardError.line("WARNING: Disabling the OOM killer on containers without setting a '-m/--memory' limit may be dangerous.")
            }
        }
        request.nameResolution = settings.nameResolution
        request.labels = try settings.labels()
        request.environment = try settings.environment() + request.environment
        request.containerIDFile = settings.cidfile.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
    }

    /// Creates the container and writes its id to `--cidfile` (whose descriptor `fd` is), as
    /// Docker does; the file goes again when the container could not be made.
    func created(_ request: RunRequest, by runner: ContainerRunner, containerIDFile fd: Int32?) throws -> ContainerRecord {
        guard let fd else { return try runner.create(request) }
        defer { close(fd) }
        do {
            let record = try runner.create(request)
            _ = record.id.full.withCString { write(fd, $0, strlen($0)) }
            return record
        } catch {
            if let path = settings.cidfile { unlink(path) }
            throw error
        }
    }

    /// The container's streams: `-a` connects only the ones it names; the others go to /dev/null.
    func streams(_ request: RunRequest) throws -> ContainerIO {
        var io = ContainerIO(request)
        guard !settings.attach.isEmpty else { return io }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { throw RuntimeError(code: .system, "open /dev/null: \(String(cString: strerror(errno)))") }
        if !settings.attaches("stdout") { io.standardOutput = null }
        if !settings.attaches("stderr") { io.standardError = null }
        if interactive, !settings.attaches("stdin") { io.standardInput = null }
        return io
    }

    /// dockyard-init, built beside dockyard (`swift build` makes both).
    static func initBinary() throws -> String {
        let own = Daemon.ownExecutable
        let path = String(own[..<(own.lastIndex(of: "/") ?? own.startIndex)]) + "/dockyard-init"
        guard access(path, X_OK) == 0 else {
            throw RuntimeError(code: .notFound, "--init needs dockyard-init next to dockyard (\(path)): build it with `swift build`")
        }
        return path
    }

    func request(for runnable: RunnableImage) throws -> RunRequest {
        publishing.check(network: network)
        return try publishing.publishing(runnable.exposedPorts, in: RunRequest(
            image: runnable, name: name, hostname: hostname, environment: env, workingDirectory: workdir,
            user: user, entrypoint: entrypoint, command: command,
            limits: ResourceLimits(memoryBytes: try memory.map { try ByteSize.parse($0) },
                                   cpus: cpus.flatMap(Double.init),
                                   pids: pidsLimit.flatMap { $0 > 0 ? $0 : nil }),
            network: RunRequest.Network(rawValue: network) ?? .none,
            interactive: interactive, tty: tty, autoRemove: rm, restartPolicy: RestartPolicy(parsing: restart) ?? .no))
    }
}
