import HostSystem
import ArgumentParser
import ContainerRuntime
import DockerfileSyntax
import Explain
import ImageStore
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard run`: create a container from an image and run a command in it, like `docker run`.
struct RunCommand: ParsableCommand {
    /// The verb, also read by the quick path before ArgumentParser's configuration exists: building
    /// that configuration (its help names are a Set) costs a conformance search.
    static let verb = "run"
    static let configuration = CommandConfiguration(
        commandName: verb,
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
    @Option(name: .long, help: ArgumentHelp("PID namespace: host, or another container's.", valueName: "host|container:NAME"))
    var pid: String?
    @Option(name: .long, help: ArgumentHelp("IPC namespace: private, shareable (others may join it), host, or another container's.",
                                            valueName: "private|shareable|host|container:NAME"))
    var ipc: String?
    @Option(name: .long, help: ArgumentHelp("UTS namespace (host name): host.", valueName: "host"))
    var uts: String?
    @Option(name: .long, help: ArgumentHelp("Run the container in a pod: in its network, IPC and UTS namespaces (and PID, if it shares it).",
                                            valueName: "pod"))
    var pod: String?
    @OptionGroup var publishing: PublishOptions   // -p, -P
    @OptionGroup var volumes: VolumeOptions   // -v, --tmpfs, --read-only
    @OptionGroup var security: SecurityFlags   // --privileged, --cap-add, --cap-drop, --security-opt
    @OptionGroup var devices: DeviceFlags   // --device
    // More of Docker's flags, declared here rather than in an option group of their own (each
    // group type costs every `run` a ~0.3 M-instruction conformance search at start-up); their
    // checks and uses are in RunCommand+Resources.swift, +Metadata.swift and +Settings.swift.
    @Option(name: .customLong("memory-swap"), help: ArgumentHelp("Memory plus swap; -1 for unlimited swap.", valueName: "bytes"))
    var memorySwap: String?
    @Option(name: .customLong("memory-reservation"), help: ArgumentHelp("Soft memory limit.", valueName: "bytes"))
    var memoryReservation: String?
    @Flag(name: .customLong("oom-kill-disable"), help: "Disable the OOM killer (cgroup v1 only).")
    var oomKillDisable = false
    @Option(name: [.customShort("c"), .customLong("cpu-shares")], help: ArgumentHelp("CPU shares (relative weight).", valueName: "int"))
    var cpuShares: String?
    @Option(name: .customLong("cpuset-cpus"), help: ArgumentHelp("CPUs in which to allow execution, e.g. 0-3 or 0,1.", valueName: "list"))
    var cpusetCpus: String?
    @Option(name: .customLong("device-read-bps"), help: ArgumentHelp("Limit read rate (bytes per second) from a device.", valueName: "path:rate"))
    var deviceReadBps: [String] = []
    @Option(name: .customLong("device-write-bps"), help: ArgumentHelp("Limit write rate (bytes per second) to a device.", valueName: "path:rate"))
    var deviceWriteBps: [String] = []
    @Option(name: .customLong("shm-size"), help: ArgumentHelp("Size of /dev/shm (default 64m).", valueName: "bytes"))
    var shmSize: String?
    @Option(name: .long, help: ArgumentHelp("Ulimit options, e.g. nofile=1024:2048.", valueName: "name=soft[:hard]"))
    var ulimit: [String] = []
    @Option(name: .long, help: ArgumentHelp("A namespaced kernel parameter: net.*, kernel.msg*/sem/shm*, fs.mqueue.*.", valueName: "key=value"))
    var sysctl: [String] = []

    @Option(name: .customLong("add-host"), help: ArgumentHelp("Add a line to /etc/hosts (IP may be host-gateway).", valueName: "host:ip"))
    var addHost: [String] = []
    @Option(name: .long, help: ArgumentHelp("Set a DNS server.", valueName: "ip")) var dns: [String] = []
    @Option(name: .customLong("dns-search"), help: ArgumentHelp("Set a DNS search domain.", valueName: "domain"))
    var dnsSearch: [String] = []

    @Option(name: [.customShort("l"), .long], help: ArgumentHelp("Set metadata on the container.", valueName: "key=value"))
    var label: [String] = []
    @Option(name: .customLong("label-file"), help: ArgumentHelp("Read labels from a file of key=value lines.", valueName: "file"))
    var labelFile: [String] = []
    @Option(name: .customLong("env-file"), help: ArgumentHelp("Read environment variables from a file of KEY=VALUE lines.", valueName: "file"))
    var envFile: [String] = []
    @Option(name: .long, help: ArgumentHelp("Expose a port or a range of ports.", valueName: "port[-port][/proto]"))
    var expose: [String] = []
    @Option(name: .long, help: ArgumentHelp("Write the container's id to this file (which must not exist).", valueName: "file"))
    var cidfile: String?
    @Option(name: .long, help: ArgumentHelp("Set platform: only this host's (Dockyard runs images natively).", valueName: "os/arch"))
    var platform: String?
    @Option(name: [.customShort("a"), .long], help: ArgumentHelp("Attach to STDIN, STDOUT or STDERR.", valueName: "stream"))
    var attach: [String] = []
    // --health-* and --no-healthcheck (HealthOptions.swift)
    @Option(name: .customLong("health-cmd"), help: ArgumentHelp("Command to run to check health.", valueName: "string"))
    var healthCmd: String?
    @Option(name: .customLong("health-interval"),
            help: ArgumentHelp("Time between running the check (ms|s|m|h) (default 0s).", valueName: "duration"))
    var healthInterval: String?
    @Option(name: .customLong("health-timeout"),
            help: ArgumentHelp("Maximum time to allow one check to run (ms|s|m|h) (default 0s).", valueName: "duration"))
    var healthTimeout: String?
    @Option(name: .customLong("health-start-period"),
            help: ArgumentHelp("Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s).",
                               valueName: "duration"))
    var healthStartPeriod: String?
    @Option(name: .customLong("health-retries"), help: ArgumentHelp("Consecutive failures needed to report unhealthy.", valueName: "int"))
    var healthRetries: Int?
    @Flag(name: .customLong("no-healthcheck"), help: "Disable any container-specified HEALTHCHECK.")
    var noHealthcheck = false
    // --log-driver, --log-opt (LoggingOptions.swift)
    @Option(name: .customLong("log-driver"), help: ArgumentHelp("Logging driver for the container: json-file or none.", valueName: "string"))
    var logDriver: String?
    @Option(name: .customLong("log-opt"), help: ArgumentHelp("Log driver options, e.g. max-size=10m, max-file=3.", valueName: "KEY=VALUE"))
    var logOpt: [String] = []
    @Option(name: .long, help: ArgumentHelp("Cgroup namespace to use: private (its own, the default) or host.", valueName: "host|private"))
    var cgroupns: String = "private"
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
        if let memory { _ = try ResourceFlags.memory(memory) }
        if let cpus { _ = try ResourceFlags.cpus(cpus) }
        if let pidsLimit { _ = try ResourceFlags.pidsLimit(pidsLimit) }
        _ = try ResourceFlags.restart(restart)
        if rm && RestartPolicy(parsing: restart) != RestartPolicy.no {
            throw ValidationError("conflicting options: cannot specify both --restart and --rm")
        }
        if let stopSignal, Signal.number(named: stopSignal) == nil {
            throw ValidationError("invalid argument \"\(stopSignal)\" for \"--stop-signal\" flag: invalid signal: \(stopSignal)")
        }
        if detach && simulate {
            throw ValidationError("--detach and --simulate cannot be combined: a simulated container never runs")
        }
        try validateSettings()
        _ = try health.parsed()
        _ = try logging.parsed()
        if !["host", "private"].contains(cgroupns) {
            throw ValidationError("invalid argument \"\(cgroupns)\" for \"--cgroupns\" flag: --cgroupns: invalid CGROUP mode")
        }
        if RunRequest.Network(rawValue: network) == nil {
            throw ValidationError("invalid argument \"\(network)\" for \"--network\" flag: use bridge, a network's name, none, host or container:NAME")
        }
        _ = try namespaceModes()
    }

    /// `--pid`, `--ipc`, `--uts` as modes; Docker's message, with the value, for one it does not take.
    func namespaceModes() throws -> (pid: NamespaceMode, ipc: NamespaceMode, uts: NamespaceMode) {
        func mode(_ text: String?, flag: String, kind: String, _ takes: NamespaceMode.Flag) throws -> NamespaceMode {
            guard let text else { return .private }
            guard let mode = NamespaceMode(parsing: text, for: takes) else {
                throw ValidationError("--\(flag): invalid \(kind) mode: \"\(text)\"")
            }
            return mode
        }
        return (try mode(pid, flag: "pid", kind: "PID", .pid), try mode(ipc, flag: "ipc", kind: "IPC", .ipc),
                try mode(uts, flag: "uts", kind: "UTS", .uts))
    }

    func run() throws {
        try checkStreams()
        let renderer = explain?.renderer ?? (simulate ? ExplainMode.text.renderer : DiscardingSink())
        let engine = Engine(root: storage.resolvedRoot, events: renderer, simulate: simulate)

        let outcome: ContainerRunner.Outcome
        do {
            engine.sweep()
            var request = try containerRequest(engine: engine, events: renderer)
            request.startedByCreator = !detach
            let containerIDFile = simulate ? nil : try openContainerIDFile()
            if detach {
                // The monitor must not inherit this command's explain renderer: it relays its own.
                let record = try created(request, by: Engine(root: engine.root).runner, containerIDFile: containerIDFile)
                do { try engine.detachedStart(explain: explain).start(record.id) }
                catch let failure as DetachedStart.Failure { throw failure.exitCode }
                print(record.id.full)
                return
            }
            var runner = engine.runner
            runner.exitsAfterStart = true
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

    var health: HealthOptions {
        HealthOptions(healthCmd: healthCmd, healthInterval: healthInterval, healthTimeout: healthTimeout,
                      healthStartPeriod: healthStartPeriod, healthRetries: healthRetries, noHealthcheck: noHealthcheck)
    }

    var logging: LoggingOptions { LoggingOptions(logDriver: logDriver, logOpt: logOpt) }

    /// What `run` and `create` share before the container exists: the image (pulled if missing),
    /// the request the flags make, the init, the volumes (made now, as Docker makes them),
    /// confinement, devices, healthcheck, logging and the namespaces it shares (a pod's).
    func containerRequest(engine: Engine, events: any EventSink) throws -> RunRequest {
        var runnable = try engine.runnableImages.runnable(image, events: events, pull: pull)
        for port in try exposedPorts() where !runnable.exposedPorts.contains(port) { runnable.exposedPorts.append(port) }
        var request = try request(for: runnable)
        try applyContainerSettings(to: &request, cgroupVersion: engine.runner.cgroups.version)
        request.groupAdd = groupAdd
        request.stopSignal = stopSignal.flatMap(Signal.number(named:))
        request.stopTimeout = stopTimeout
        if self.`init` {
            let built = try Self.initBinary()
            request.initBinary = try engine.host.installInit(from: built, root: engine.root)
        }
        try volumes.apply(to: &request, root: engine.root, host: engine.host, events: events)
        request.security = try security.parsed()
        request.userNamespace = security.userns == "remap"
        request.devices = try devices.parsed()
        request.healthcheck = try health.parsed()
        request.logConfig = try logging.parsed()
        request.cgroupnsHost = cgroupns == "host"
        (request.pidMode, request.ipcMode, request.utsMode) = try namespaceModes()
        if let pod { try engine.pods(explain: explain).admit(&request, to: pod) }
        return request
    }

    /// dockyard-init, built beside dockyard (`swift build` makes both).
    static func initBinary() throws -> String {
        try SiblingExecutable.path("dockyard-init", neededBy: "--init")
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
