@testable import ContainerRuntime
import Explain
import Foundation
import LinuxKernel
import Testing

/// Rootless user networks without the kernel: the forwarder's command line and checks, the
/// shared namespace's pasta, records written before the `namespace` field, and how the
/// simulation tells a pinned namespace.
@Suite("Rootless user networks: forwarder, pasta and records")
struct RootlessNetworkModelTests {
    @Test("each published port becomes LISTENIP:HOSTPORT:CONTAINERIP:CONTAINERPORT after forward and the pid file")
    func forwarderArguments() throws {
        let container = try #require(IPv4Address("10.89.0.7"))
        let ports = [try PortMapping(parsing: "127.0.0.1:18080:80"), try PortMapping(parsing: "8443:443")]
        #expect(PortForwarder.arguments(ports: ports, to: container, pidFile: "/c/forward.pid")
                == ["forward", "/c/forward.pid", "127.0.0.1:18080:10.89.0.7:80", "0.0.0.0:8443:10.89.0.7:443"])
        #expect(PortForwarder.program.hasSuffix("/dockyard-init"))
    }

    @Test("a UDP port is refused with the reason, a low port with the sysctl, a high TCP port passes")
    func forwarderChecks() throws {
        let host = SimulatedHost(events: DiscardingSink())
        #expect(throws: RuntimeError.self) { try PortForwarder.check([try PortMapping(parsing: "5353:53/udp")], host: host) }
        do {
            try PortForwarder.check([try PortMapping(parsing: "5353:53/udp")], host: host)
        } catch let error as RuntimeError {
            #expect(error.description.contains("TCP ports only"))
        }
        try PortForwarder.check([try PortMapping(parsing: "18080:80")], host: host)
    }

    @Test("the shared namespace's pasta names its tap tap0 and publishes nothing")
    func sharedPasta() {
        let arguments = PastaArguments.arguments(ports: [], pidFile: "/r/pasta.pid", interface: RootlessNetworkNamespace.tapInterface)
        #expect(arguments.prefix(3) == ["--config-net", "--ns-ifname", "tap0"])
        #expect(arguments.suffix(4) == ["-t", "none", "-u", "none"])
        #expect(arguments.contains("--no-map-gw") && arguments.contains("-T") && arguments.contains("-U"))
    }

    @Test("a bridge attachment recorded before rootless networks has no namespace: the host's")
    func olderAttachment() throws {
        let json = """
        {"network":"n1","bridge":"dy-1","address":"10.89.0.2/24","gateway":"10.89.0.1","hostInterface":"dyabc","ports":[]}
        """
        let attachment = try JSONDecoder().decode(NetworkAttachment.self, from: Data(json.utf8))
        #expect(attachment.namespace == nil)
        var rootless = attachment
        rootless.namespace = "/run/user/1000/dockyard/netns/rootless-netns"
        let again = try JSONDecoder().decode(NetworkAttachment.self, from: JSONEncoder().encode(rootless))
        #expect(again == rootless)
    }

    @Test("the simulation tells a pinned namespace as a note and an nsfs bind mount, and its removal")
    func simulatedPin() throws {
        let events = EventRecorder()
        let kernel = SimulatedKernel(events: events)
        try kernel.createNetworkNamespace(pinnedAt: "/r/netns/rootless-netns", purpose: "why")
        try kernel.removeNetworkNamespace(pinnedAt: "/r/netns/rootless-netns", purpose: "gone")
        let told = events.events
        #expect(told.map(\.name) == ["note", "mounted", "removed"])
        #expect(told.allSatisfy { $0.simulated })
        #expect(!kernel.networkNamespaceExists(pinnedAt: "/r/netns/rootless-netns"))
    }

    @Test("a live kernel turned to a pinned namespace keeps the pin, and /sys's aliases are not read there")
    func namespacedKernel() {
        let kernel = LiveKernel(events: DiscardingSink()).inNetworkNamespace(pinnedAt: "/nonexistent/pin")
        #expect((kernel as? LiveKernel)?.networkNamespace == "/nonexistent/pin")
        #expect(kernel.interfaceAlias("lo") == nil)
        #expect(!kernel.interfaceExists("lo"))   // the pin does not exist: nothing is found there
        #expect(!kernel.networkNamespaceExists(pinnedAt: "/nonexistent/pin"))
    }
}
