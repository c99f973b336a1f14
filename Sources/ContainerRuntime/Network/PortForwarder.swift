import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The published ports (`-p`) of a rootless container on a user network: one small process,
/// `dockyard-init forward` (Sources/dockyard-init/forward.c), that listens on the host's ports as
/// the user and, for each connection, connects from inside the rootless network namespace to the
/// container's address and port on the bridge there, and copies bytes both ways — what Docker's
/// docker-proxy and podman's rootlessport do.
///
/// Why a process of its own, and not pasta or a DNAT rule: the namespace's pasta is started once,
/// and this pasta (Debian 12's) cannot add a port to a running instance; restarting it for each
/// container would cut every other container's connections. Two pastas on one namespace would
/// each want its default route. A DNAT rule in the namespace would still need pasta to bring the
/// port there. So a forwarder per container, started with the container and stopped with it,
/// is the simplest thing that is correct: it binds exactly the container's ports on the host
/// (so a taken port fails the run, as with Docker), and it can only ever reach the address it
/// was given. TCP only: `check` refuses UDP, rather than publish it silently broken. The
/// container sees connections come from its bridge's gateway, as with Docker's userland proxy.
struct PortForwarder {
    let host: any Host
    /// Where the forwarder writes its pid (in the container's directory).
    let pidFile: String
    var kernel: any Kernel { host.kernel }

    /// dockyard-init, built beside dockyard: the forwarder is its `forward` mode.
    static var program: String {
        let own = Daemon.ownExecutable
        return String(own[..<(own.lastIndex(of: "/") ?? own.startIndex)]) + "/dockyard-init"
    }

    /// Before any host port is bound: only TCP, and no privileged port unless allowed.
    static func check(_ ports: [PortMapping], host: any Host) throws {
        if let udp = ports.first(where: { $0.proto != "tcp" }) {
            throw RuntimeError(code: .invalidArgument,
                "cannot publish \(udp.containerPort)/\(udp.proto): a rootless container on a user network publishes TCP ports only; "
                + "use the default network (no --network) for UDP")
        }
        try PrivilegedPorts.check(ports, unprivilegedStart: PrivilegedPorts.unprivilegedStart(fileText: host.readFile(PrivilegedPorts.sysctlPath)),
                                  canBindAnyPort: PrivilegedPorts.canBindAnyPort(status: host.readFile("/proc/self/status"),
                                                                                 uidMap: host.readFile("/proc/self/uid_map")))
    }

    /// One port in the forwarder's words: `LISTENIP:HOSTPORT:CONTAINERIP:CONTAINERPORT`.
    static func spec(_ port: PortMapping, to address: IPv4Address) -> String {
        "\(port.hostIP?.description ?? "0.0.0.0"):\(port.hostPort):\(address):\(port.containerPort)"
    }

    static func arguments(ports: [PortMapping], to address: IPv4Address, pidFile: String) -> [String] {
        ["forward", pidFile] + ports.map { spec($0, to: address) }
    }

    /// Starts the forwarder for `attachment`'s ports into the namespace pinned at `namespace`;
    /// returns once it listens.
    func start(_ prepared: UserModeAttachment, to attachment: NetworkAttachment, namespace: String) throws -> UserModeAttachment {
        let launch = NetworkHelperLaunch(program: prepared.program,
                                         arguments: Self.arguments(ports: prepared.ports, to: attachment.address.address, pidFile: pidFile),
                                         namespaceFile: namespace, pidFile: pidFile, ports: prepared.ports.map(\.description))
        let pid: Int32
        do { pid = try kernel.startNetworkHelper(launch) } catch let error as NetworkHelperError {
            throw RuntimeError(code: .system, "publishing the container's ports failed: \(error)")
        }
        return prepared.started(as: pid, host: host)
    }

    /// Stops it if it is still the process that was started; safe to run twice.
    func stop(_ forwarder: UserModeAttachment) {
        forwarder.stopHelper(host: host, pidFile: pidFile)
    }
}
