import Explain
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `docker exec`: runs another process inside a running container — in all of its namespaces
/// and its cgroup, as its user (or `-u`), with its environment plus `-e`, in its working
/// directory (or `-w`). The process shares everything with the container's first process except
/// the parent: it is dockyard's child, so dockyard waits for it and returns its status.
public struct ContainerExecutor: Sendable {
    public let store: ContainerStore
    /// The host the container runs on (`LiveHost`, or `SimulatedHost`).
    public let host: any Host
    public var kernel: any Kernel { host.kernel }

    public init(store: ContainerStore, host: any Host) {
        self.store = store
        self.host = host
    }

    /// An executor on the host `kernel` belongs to.
    public init(store: ContainerStore, kernel: any Kernel) {
        self.init(store: store, host: kernel.host)
    }

    /// What `exec` was asked to run.
    public struct Request: Sendable {
        public var command: [String]
        public var environment: [String]
        public var workingDirectory: String?
        public var user: String?
        public var interactive: Bool
        public var tty: Bool
        public var detach: Bool

        public init(command: [String], environment: [String] = [], workingDirectory: String? = nil, user: String? = nil,
                    interactive: Bool = false, tty: Bool = false, detach: Bool = false) {
            self.command = command
            self.environment = environment
            self.workingDirectory = workingDirectory
            self.user = user
            self.interactive = interactive
            self.tty = tty
            self.detach = detach
        }
    }

    /// Runs the process; returns its exit status (0 at once when detached).
    public func exec(_ request: Request, in record: ContainerRecord) throws -> ExitStatus {
        guard let pid = record.state.process?.pid else {
            throw RuntimeError(code: .notRunning, "container \(record.id.full) is not running")
        }
        guard !request.command.isEmpty else { throw RuntimeError(code: .invalidArgument, "No command specified") }
        // The container's own /etc/passwd, resolved inside its root: users added inside count,
        // and a symlink or FIFO planted there cannot make dockyard read a host file or hang.
        let root = "/proc/\(pid)/root"
        let identity: UserResolver.Identity
        if let user = request.user {
            do {
                identity = try UserResolver(passwd: RootedPath.readRegularFile("/etc/passwd", inside: root),
                                            group: RootedPath.readRegularFile("/etc/group", inside: root)).resolve(user, groupAdd: record.config.groupAdd)
            } catch {
                throw RuntimeError(code: .invalidArgument, error.message)
            }
        } else {
            identity = UserResolver.Identity(uid: record.config.uid, gid: record.config.gid, groups: record.config.groups, home: "/")
        }
        var environment = record.config.environment
        for item in request.environment {
            let key = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? item
            environment.removeAll { $0.hasPrefix(key + "=") }
            if item.contains("=") {
                environment.append(item)
            } else if let value = ProcessInfo.processInfo.environment[key] {
                environment.append(key + "=" + value)
            }
        }
        // Without a terminal the process's streams are pipes dockyard relays, never the
        // caller's own descriptors (LinuxKernel/StreamRelay explains why).
        let wanted: [Int32?] = [request.interactive || request.tty ? nil : Self.devNull, nil, nil]
        let relay = request.detach || request.tty ? nil : try host.streamRelay(wanted)
        var launch = ContainerLaunch(
            namespaces: [], steps: [], rootfs: nil, hostname: nil, loopbackUp: false, argv: request.command,
            environment: environment, workingDirectory: request.workingDirectory ?? record.config.workingDirectory,
            uid: identity.uid, gid: identity.gid, supplementaryGroups: identity.groups,
            // Detached, the process must not hold dockyard's stdout open after dockyard exits.
            stdio: request.detach ? [Self.devNull, Self.devNull, Self.devNull] : relay?.containerStreams ?? wanted,
            terminal: request.tty ? (TerminalRelay.currentSize() ?? TerminalSize(rows: 24, columns: 80)) : nil,
            dieWithParent: !request.detach,
            // The container's own confinement: exec cannot do more than its first process.
            security: record.config.security.processSecurity(seccompCache: store.seccompCache(for: host.kernel)))
        // A container in its own user namespace is joined through it (no idmapped mounts: they exist).
        if record.config.userNamespace { launch.userNamespace = UserNamespaceMapping() }
        launch.resourceLimits = record.config.ulimits   // as runc exec: the container's --ulimit
        // Into the container's cgroup: born in it (v2) or writing itself in (v1), as its first
        // process did (ContainerRunner.start).
        let cgroup = CgroupHost.manager(forRecordedPaths: record.cgroupPaths)
        cgroup.admit(&launch)
        let process = try kernel.exec(into: pid, launch, beforeExec: { child in try cgroup.moveIn(pid: child, of: launch, kernel: kernel) })
        if request.detach { return ExitStatus(code: 0) }
        return try kernel.runToExit(process, relay: relay, interactive: request.interactive)
    }

    static let devNull: Int32? = {
        let fd = open("/dev/null", O_RDWR | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }()
}
