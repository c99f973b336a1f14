@testable import ContainerRuntime
import Explain
import Foundation
import LinuxKernel
import Testing

/// A rootless container's default network, pasta, without the kernel: the command line it is
/// given, the resolv.conf the container gets, and the check that refuses privileged host ports
/// before anything starts.
@Suite("User-mode network: pasta's arguments and port checks")
struct UserModeNetworkTests {
    @Test("with nothing published, pasta publishes nothing and never reaches the host's loopback")
    func noPorts() {
        let arguments = PastaArguments.arguments(ports: [], pidFile: "/c/pasta.pid")
        #expect(arguments == ["--config-net", "--ns-ifname", "eth0", "--netns", "/proc/self/fd/3", "--runas", "0",
                              "--pid", "/c/pasta.pid", "--quiet", "--no-map-gw", "-T", "none", "-U", "none",
                              "--dns-forward", "169.254.1.1", "-t", "none", "-u", "none"])
    }

    @Test("-p specs become pasta's -t and -u, with the host address before a slash")
    func publishedPorts() throws {
        let ports = [try PortMapping(parsing: "127.0.0.1:18080:80"), try PortMapping(parsing: "8443:443"),
                     try PortMapping(parsing: "5353:53/udp")]
        let arguments = PastaArguments.arguments(ports: ports, pidFile: "/p")
        #expect(Array(arguments.suffix(6)) == ["-t", "127.0.0.1/18080:80", "-t", "8443:443", "-u", "5353:53"])
        #expect(arguments.filter { $0 == "none" }.count == 2)   // only -T none and -U none
    }

    @Test("the container's resolv.conf names pasta's DNS address and keeps the host's search and options")
    func resolvConf() {
        let host = "# managed\nnameserver 127.0.0.53\nnameserver 10.0.0.1\nsearch example.com\noptions edns0 trust-ad\n"
        #expect(PastaArguments.resolvConf(host: host) == "nameserver 169.254.1.1\nsearch example.com\noptions edns0 trust-ad\n")
    }

    @Test("a host port below net.ipv4.ip_unprivileged_port_start is refused up front, naming the sysctl")
    func privilegedPort() throws {
        let http = try PortMapping(parsing: "80:80")
        let error = try #require(throws: RuntimeError.self) {
            try PrivilegedPorts.check([try PortMapping(parsing: "8080:8080"), http], unprivilegedStart: 1024, canBindAnyPort: false)
        }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("net.ipv4.ip_unprivileged_port_start"))
        #expect(error.message.contains("port 80 "))
        // Lowered sysctl, or CAP_NET_BIND_SERVICE on the host: allowed.
        try PrivilegedPorts.check([http], unprivilegedStart: 80, canBindAnyPort: false)
        try PrivilegedPorts.check([http], unprivilegedStart: 1024, canBindAnyPort: true)
        // -p 80: the host port is picked later, by the kernel, above the privileged range.
        try PrivilegedPorts.check([try PortMapping(parsing: "80")], unprivilegedStart: 1024, canBindAnyPort: false)
        #expect(PrivilegedPorts.unprivilegedStart(fileText: "1024\n") == 1024)
        #expect(PrivilegedPorts.unprivilegedStart(fileText: nil) == 1024)
    }

    @Test("only real root may bind any port: CAP_NET_BIND_SERVICE in the host's user namespace")
    func canBindAnyPort() {
        let root = "Name:\tdockyard\nCapEff:\t000001ffffffffff\n"
        #expect(PrivilegedPorts.canBindAnyPort(status: root, uidMap: "         0          0 4294967295\n"))
        #expect(!PrivilegedPorts.canBindAnyPort(status: root, uidMap: "0 1000 1\n1 100000 65535\n"))
        #expect(!PrivilegedPorts.canBindAnyPort(status: "CapEff:\t0000000000000000\n", uidMap: "0 0 4294967295"))
    }

    @Test("pasta of its own is only the default network: a user network is not given one")
    func userNetworkRefused() throws {
        let network = UserModeNetwork(host: SimulatedHost(events: DiscardingSink()), pidFile: "/nonexistent/pasta.pid")
        let error = try #require(throws: RuntimeError.self) { try network.check(network: "mynet", ports: []) }
        #expect(error.code == .invalidArgument && error.message.contains("rootless"))
    }

    @Test("on the simulated host pasta's start and stop are told, with its pid, arguments and ports")
    func simulated() throws {
        let events = EventRecorder()
        let network = UserModeNetwork(host: SimulatedHost(events: events), pidFile: "/nonexistent/pasta.pid")
        let prepared = network.prepare(network: "bridge", ports: [try PortMapping(parsing: "127.0.0.1:18080:80")])
        let started = try network.start(prepared, containerPid: 4000)
        network.stop(started)
        #expect(started.pid == 4001 && started.startTime != nil)
        #expect(events.events.map(\.kind) == [
            .networkHelperStarted(program: "/usr/bin/pasta", pid: 4001,
                                  arguments: PastaArguments.arguments(ports: prepared.ports, pidFile: "/nonexistent/pasta.pid"),
                                  ports: ["80/tcp -> 127.0.0.1:18080"]),
            .networkHelperStopped(program: "/usr/bin/pasta", pid: 4001),
        ])
        #expect(events.events.allSatisfy { $0.simulated })
    }

    @Test("a host without pasta gets an error that says which package to install")
    func missingPasta() throws {
        let network = UserModeNetwork(host: LiveHost(kernel: LiveKernel(events: DiscardingSink())), pidFile: "/nonexistent/pasta.pid")
        let attachment = UserModeAttachment(network: "bridge", program: "/nonexistent/pasta", ports: [])
        // Our own namespace stands in for the container's: the spawn fails before pasta could use it.
        let error = try #require(throws: RuntimeError.self) { _ = try network.start(attachment, containerPid: getpid()) }
        #expect(error.code == .system && error.message.contains("passt") && error.cause?.errno == ENOENT)
    }

    @Test("the record's user-mode attachment survives a trip through JSON")
    func attachmentCodable() throws {
        let attachment = UserModeAttachment(network: "bridge", program: "/usr/bin/pasta",
                                            ports: [try PortMapping(parsing: "8080:80")], pid: 42, startTime: 123)
        let decoded = try JSONDecoder().decode(UserModeAttachment.self, from: JSONEncoder().encode(attachment))
        #expect(decoded == attachment)
    }
}
