import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// A rootless container's default network: pasta, a user-mode TCP/IP stack (Debian's `passt`),
/// as podman 5 uses. An unprivileged user cannot put a veth on a host bridge or add netfilter
/// rules, so instead pasta owns a tap interface (eth0) in the container's network namespace and
/// makes an ordinary host socket for every connection the container opens; published ports are
/// host sockets pasta listens on and relays into the namespace. See `PastaArguments` for each
/// flag and why.
///
/// The same three steps as a bridge network (`ContainerNetworking`): `check` and `prepare`
/// before the process exists (the caller picks the host ports in between), `start` runs pasta
/// once the process is in its namespace (before it execs), and `stop` ends pasta after it exits.
struct UserModeNetwork {
    let host: any Host
    /// Where pasta writes its pid (in the container's directory).
    let pidFile: String
    var kernel: any Kernel { host.kernel }

    /// Step 1, before any host port is bound (an unprivileged bind of port 80 fails as if the
    /// port were taken): the network is one user mode has, and the ports may be published
    /// without privilege.
    func check(network: String, ports: [PortMapping]) throws {
        // A user network is a bridge in the rootless network namespace (ContainerNetworking+Rootless).
        guard network == "bridge" else {
            throw RuntimeError(code: .invalidArgument,
                "network \(network): pasta is only the default network of rootless containers; "
                + "user networks are bridges in your rootless network namespace")
        }
        try PrivilegedPorts.check(ports, unprivilegedStart: PrivilegedPorts.unprivilegedStart(fileText: host.readFile(PrivilegedPorts.sysctlPath)),
                                  canBindAnyPort: PrivilegedPorts.canBindAnyPort(status: host.readFile("/proc/self/status"),
                                                                                 uidMap: host.readFile("/proc/self/uid_map")))
    }

    /// What will be made, once the host ports are chosen: pasta, publishing `ports`.
    func prepare(network: String, ports: [PortMapping]) -> UserModeAttachment {
        UserModeAttachment(network: network, program: PastaArguments.program, ports: ports)
    }

    /// Step 2, for the container whose first process is `pid` (alive, in its own network
    /// namespace, not yet exec'd): returns once eth0 is configured and the ports listen.
    func start(_ attachment: UserModeAttachment, containerPid: Int32) throws -> UserModeAttachment {
        let launch = NetworkHelperLaunch(program: attachment.program,
                                         arguments: PastaArguments.arguments(ports: attachment.ports, pidFile: pidFile),
                                         containerPid: containerPid, pidFile: pidFile,
                                         ports: attachment.ports.map(\.description))
        let helper: Int32
        do { helper = try kernel.startNetworkHelper(launch) } catch let error as NetworkHelperError {
            throw RuntimeError(code: .system, "starting the container's network failed: \(error)")
        } catch let error as KernelError where error.operation == "posix_spawn" && error.errno == ENOENT {
            throw RuntimeError(code: .system, "rootless containers need pasta for their network, and \(attachment.program) "
                               + "is missing: install Debian's passt package (scripts/install-deps)", cause: error)
        }
        return attachment.started(as: helper, host: host)
    }

    /// Step 3: stops pasta if it is still the process that was started; safe to run twice.
    func stop(_ attachment: UserModeAttachment) {
        attachment.stopHelper(host: host, pidFile: pidFile)
    }
}
