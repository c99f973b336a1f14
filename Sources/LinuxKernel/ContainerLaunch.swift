import Explain

/// Everything the kernel needs to start a container's first process: which namespaces to
/// create, how to build its filesystem, who it runs as, and what it executes.
/// The runtime prepares it; a `Kernel` carries it out (for real, or in simulation).
public struct ContainerLaunch: Sendable {
    /// Namespaces created by clone(2). `.cgroup` is created after the process joined its cgroup.
    public var namespaces: [Namespace]
    /// Filesystem steps, in order, before pivot_root.
    public var steps: [SetupStep]
    /// The directory that becomes `/` (the overlay mount point); nil keeps the host's root.
    public var rootfs: String?
    public var hostname: String?
    /// Bring the loopback interface up (a new network namespace starts with it down).
    public var loopbackUp: Bool
    public var argv: [String]
    public var environment: [String]
    /// Working directory inside the container.
    public var workingDirectory: String
    public var uid: UInt32
    public var gid: UInt32
    public var supplementaryGroups: [UInt32]
    /// Standard input, output and error for the process; nil inherits dockyard's own.
    public var stdio: [Int32?]
    /// Give the process a terminal (`-t`): made in the container's own /dev/pts, its primary
    /// side handed back to dockyard, with this initial size (rows, columns).
    public var terminal: TerminalSize?
    /// Kill the container if dockyard itself dies (foreground runs).
    public var dieWithParent: Bool
    /// Capabilities, no_new_privs and the seccomp filter the process execs under.
    public var security: ProcessSecurity
    /// A cgroup v2 directory to be born in (clone3 with CLONE_INTO_CGROUP): the process is in
    /// its cgroup from its first instruction, with no cgroup.procs write. Nil on v1 hosts.
    public var cgroupDirectory: String?
    /// cgroup v1: the `tasks` file of the cgroup in each hierarchy, which the process writes
    /// itself into before the parent's wait (`LaunchPlan.Stage.joinCgroup`). Empty on v2 (born
    /// in it) and where the parent moves it by pid.
    public var cgroupTaskFiles: [String] = []
    /// Whether the process gets into its cgroup without the parent: born in it or writing itself in.
    public var entersCgroupItself: Bool { cgroupDirectory != nil || !cgroupTaskFiles.isEmpty }
    /// A user namespace of its own (`.user` in `namespaces`), with its id map and idmapped layers.
    public var userNamespace: UserNamespaceMapping?
    /// `--ulimit`: set before the identity change, so a hard limit can be raised.
    public var resourceLimits: [ResourceLimit] = []
    /// Another process's namespaces to enter instead of new ones (`--network container:web`, a
    /// pod's): a joined pid namespace is where the process is born, the others are setns(2) stages.
    public var joinedNamespaces: [JoinedNamespace] = []
    /// The OCI runtime's create/start split: a fifo the process waits on, set up, just before
    /// exec; `launch` returns once it waits there (`LaunchPlan.Stage.waitForStart`).
    public var startGate: String?
    /// A connected socket (the OCI runtime's `--console-socket`) to which the process sends the
    /// primary side of its terminal itself; it is then not handed back in `LaunchedProcess`.
    /// The launch takes ownership of the descriptor.
    public var consoleSocket: Int32?

    public init(namespaces: [Namespace], steps: [SetupStep], rootfs: String?, hostname: String?,
                loopbackUp: Bool, argv: [String], environment: [String], workingDirectory: String,
                uid: UInt32, gid: UInt32, supplementaryGroups: [UInt32] = [],
                stdio: [Int32?] = [nil, nil, nil], terminal: TerminalSize? = nil, dieWithParent: Bool = true,
                security: ProcessSecurity = .dockerDefault) {
        self.namespaces = namespaces
        self.steps = steps
        self.rootfs = rootfs
        self.hostname = hostname
        self.loopbackUp = loopbackUp
        self.argv = argv
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.uid = uid
        self.gid = gid
        self.supplementaryGroups = supplementaryGroups
        self.stdio = stdio
        self.terminal = terminal
        self.dieWithParent = dieWithParent
        self.security = security
    }

    /// The PATH the process will search for argv[0], from its environment.
    public var searchPath: String? {
        environment.last(where: { $0.hasPrefix("PATH=") }).map { String($0.dropFirst(5)) }
    }
}

/// A namespace a new process enters rather than creates: its kind and the file that names it,
/// /proc/PID/ns/KIND of a process living in it. Two processes share a namespace exactly when
/// these files have the same inode; the namespace lives while any process (or open file) holds it.
public struct JoinedNamespace: Sendable, Equatable {
    public var namespace: Namespace
    public var path: String

    public init(_ namespace: Namespace, path: String) {
        self.namespace = namespace
        self.path = path
    }

    /// `namespace` of the running process `pid`.
    public init(_ namespace: Namespace, of pid: Int32) {
        self.init(namespace, path: "/proc/\(pid)/ns/\(namespace.rawValue)")
    }
}

/// A terminal's size in character cells, as TIOCGWINSZ reports it.
public struct TerminalSize: Sendable, Equatable {
    public var rows: UInt16
    public var columns: UInt16

    public init(rows: UInt16, columns: UInt16) {
        self.rows = rows
        self.columns = columns
    }
}

/// A container's first process once it has exec'd.
public struct LaunchedProcess: Sendable {
    /// Its pid as the host sees it.
    public var pid: Int32
    /// The primary side of its terminal, when it has one (`-t`).
    public var terminal: Int32?

    public init(pid: Int32, terminal: Int32? = nil) {
        self.pid = pid
        self.terminal = terminal
    }
}
