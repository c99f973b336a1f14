import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Rootless mode's one network namespace per user, shared by all of the user's networks, as
/// podman's rootless-netns. An ordinary user cannot put a bridge or a veth in the host's network
/// namespace; but as root of their own user namespace they may make a network namespace and do
/// anything in it. So the user's networks live there: one bridge per network with its gateway,
/// the same nftables table as root's (masquerade, isolation between networks, no loopback from
/// a bridge: `NATRules`), IPv4 forwarding on; and each container on a network gets a veth pair
/// whose host end is on that bridge, as in root mode. The namespace's own way out is pasta, run
/// once for it (from the host's namespace, as the per-container pasta is), whose tap interface
/// `tap0` is the namespace's default route: what the containers send out is masqueraded to the
/// tap's address and becomes ordinary sockets of the user on the host.
///
/// No process lives in the namespace: a bind mount of its nsfs file at `path` keeps it, in the
/// holder's mount namespace (every dockyard command of the user joins that), under the user's
/// runtime directory. It is made by the first `network create` (or the first container on a
/// network, after the holder was restarted) and removed with pasta by the last `network rm`.
public struct RootlessNetworkNamespace: Sendable {
    public let host: any Host
    /// `<runtime directory>/netns`: the pin, pasta's pid file and its record.
    public let directory: String

    public init(host: any Host, directory: String = RootlessHolder.runtimeDirectory + "/netns") {
        self.host = host
        self.directory = directory
    }

    /// The pin: a file with the namespace's nsfs file bind-mounted on it.
    public var path: String { directory + "/rootless-netns" }
    var pastaPidFile: String { directory + "/pasta.pid" }
    var pastaRecord: String { directory + "/pasta.json" }
    /// The tap interface pasta makes in the namespace.
    static let tapInterface = "tap0"

    /// The kernel that makes network objects inside the namespace.
    public var kernel: any Kernel { host.kernel.inNetworkNamespace(pinnedAt: path) }

    /// Whether the namespace is pinned now (for `dockyard info`).
    public var exists: Bool { host.kernel.networkNamespaceExists(pinnedAt: path) }

    /// pasta for the namespace, as recorded when it started; nil when none was.
    public var pasta: UserModeAttachment? {
        host.readFile(pastaRecord).flatMap { try? JSONDecoder().decode(UserModeAttachment.self, from: Data($0.utf8)) }
    }

    /// Whether the recorded pasta is still the process that was started.
    func isRunning(_ pasta: UserModeAttachment?) -> Bool {
        guard let pid = pasta?.pid, let started = pasta?.startTime else { return false }
        return host.startTime(of: pid) == started
    }

    /// Makes what is missing: the pinned namespace, then pasta for it. Quick when both are there
    /// (a statfs and one /proc read). Several commands at once make one between them (a lock).
    public func ensure() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try host.holdingLock(at: directory + "/.lock") {
            if !exists {
                // A pasta of an earlier namespace (pinned in a mount namespace that went with an
                // earlier holder) keeps only that namespace alive: it goes first.
                stopPasta()
                try host.kernel.createNetworkNamespace(pinnedAt: path, purpose:
                    "rootless network namespace for your networks: its bridges, the containers' veths and pasta's tap live here")
            }
            if !isRunning(pasta) { try startPasta() }
        }
    }

    /// pasta on the namespace: tap0 with the host's address and the default route, no port
    /// published (the containers' ports are `PortForwarder`s), DNS at 169.254.1.1 forwarded to
    /// the host's resolver, no way to the host's loopback (`PastaArguments` says why for each).
    private func startPasta() throws {
        let arguments = PastaArguments.arguments(ports: [], pidFile: pastaPidFile, interface: Self.tapInterface)
        let launch = NetworkHelperLaunch(program: PastaArguments.program, arguments: arguments,
                                         namespaceFile: path, pidFile: pastaPidFile, ports: [])
        let pid: Int32
        do { pid = try host.kernel.startNetworkHelper(launch) } catch let error as NetworkHelperError {
            throw RuntimeError(code: .system, "starting pasta for the rootless network namespace failed: \(error)")
        }
        let record = UserModeAttachment(network: "rootless-netns", program: PastaArguments.program, ports: [],
                                        pid: pid, startTime: host.startTime(of: pid))
        try FileWriting.replace(String(decoding: try JSONEncoder().encode(record), as: UTF8.self), at: pastaRecord)
    }

    private func stopPasta() {
        guard let pasta, let pid = pasta.pid else { return }
        try? host.kernel.stopNetworkHelper(program: pasta.program, pid: pid, startTime: pasta.startTime)
        unlink(pastaRecord)
        unlink(pastaPidFile)
    }

    /// With no network left (`remaining` is empty): pasta stopped, the pin unmounted, so the
    /// namespace goes with every bridge and veth still in it. Otherwise nothing.
    public func removeIfUnused(remaining: [NetworkDefinition]) throws {
        guard remaining.isEmpty, FileManager.default.fileExists(atPath: directory) else { return }
        try host.holdingLock(at: directory + "/.lock") {
            stopPasta()
            try host.kernel.removeNetworkNamespace(pinnedAt: path, purpose:
                "unmounted the rootless network namespace: no network is left, and it goes with what was in it")
        }
    }

    /// One line for `dockyard info`.
    public var summary: String {
        guard exists else { return "none (made by the first network create)" }
        let helper = pasta.flatMap { isRunning($0) ? $0.pid : nil }
        return "\(path)" + (helper.map { ", pasta pid \($0)" } ?? ", pasta not running (the next run starts it)")
    }
}
