/// A user-mode network helper to start for one container: a host program (pasta) that owns a
/// tap interface inside the container's network namespace and turns the packets written to it
/// into ordinary socket calls on the host. It needs no privilege on the host: no veth, no
/// bridge, no netfilter rule. The kernel seam opens the namespace (`/proc/PID/ns/net` of
/// `containerPid`, or the pinned `namespaceFile`) itself and hands it to the program as its
/// descriptor 3, so `arguments` name it `/proc/self/fd/3`: pasta, which drops capabilities before
/// it opens the namespace, could not open another process's /proc entry itself (see
/// `UserModeNetwork`). Rootless mode's published-port forwarder is started the same way.
public struct NetworkHelperLaunch: Sendable, Equatable {
    /// The program, e.g. /usr/bin/pasta.
    public var program: String
    public var arguments: [String]
    /// The container's first process, alive in its new network namespace and not yet exec'd.
    public var containerPid: Int32
    /// Where the program writes the pid it keeps running as once it has gone to the background.
    public var pidFile: String
    /// The ports it publishes, as `docker port` shows them, for the story.
    public var ports: [String]

    /// The network namespace's file the helper is handed: `/proc/PID/ns/net` of the container,
    /// or a pinned namespace (rootless mode's shared one).
    public var namespaceFile: String

    public init(program: String, arguments: [String], containerPid: Int32, pidFile: String, ports: [String]) {
        self.program = program
        self.arguments = arguments
        self.containerPid = containerPid
        self.pidFile = pidFile
        self.ports = ports
        self.namespaceFile = "/proc/\(containerPid)/ns/net"
    }

    /// A helper for the namespace pinned at `namespaceFile`, which no container process owns.
    public init(program: String, arguments: [String], namespaceFile: String, pidFile: String, ports: [String]) {
        self.init(program: program, arguments: arguments, containerPid: 0, pidFile: pidFile, ports: ports)
        self.namespaceFile = namespaceFile
    }

    /// The descriptor the network namespace is passed on, and the path the program opens it by.
    public static let namespaceDescriptor: Int32 = 3
    public static var namespacePath: String { "/proc/self/fd/\(namespaceDescriptor)" }
}

/// A network helper that could not be started, or would not stop: what it said, if anything.
public struct NetworkHelperError: Error, Sendable, Equatable, CustomStringConvertible {
    public var program: String
    public var message: String

    public init(program: String, message: String) {
        self.program = program
        self.message = message
    }

    public var description: String { "\(program): \(message)" }
}
