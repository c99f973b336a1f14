import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing

/// `SimulatedHost` is the whole host of a simulation: the runner asks it for records, locks,
/// leases and reads, and it keeps nothing, so no root is needed and nothing is written.
@Suite("The simulated host")
struct SimulatedHostTests {
    @Test("a run on the simulated host, with a network, a published port and a named volume, writes nothing under its storage root")
    func runWritesNothing() throws {
        let root = FileManager.default.temporaryDirectory.path + "/dockyard-simulated-host-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let events = EventRecorder()
        let runner = ContainerRunner(store: ContainerStore(root: root), host: SimulatedHost(events: events),
                                     cgroups: .unified(root: "/sys/fs/cgroup"))
        let image = RunnableImage(reference: "busybox", id: "sha256:" + String(repeating: "1", count: 64),
                                  lowerdirs: [root + "/layers/a"], environment: ["PATH=/bin"], entrypoint: [],
                                  command: ["sh"], workingDirectory: "/", user: "")
        var request = RunRequest(image: image, name: "quiet", command: ["true"], network: .bridge)
        request.publishedPorts = [PortMapping(hostPort: 8080, containerPort: 80)]
        request.mounts = [VolumeMount(kind: .volume, source: "data", destination: "/data")]

        let outcome = try runner.run(request)

        #expect(outcome.exitCode == 0)
        #expect(outcome.record.state.exit != nil)
        #expect(events.events.contains { $0.name == "executed" } && events.events.allSatisfy(\.simulated))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    @Test("the simulated host keeps no record and leases the network's first container address")
    func keepsNothing() throws {
        let host = SimulatedHost(events: DiscardingSink())
        let store = ContainerStore(root: "/nonexistent/dockyard-simulated-host")
        #expect(host.records(in: store).isEmpty)
        let pool = AddressPool(bridge: "dy-test", subnet: CIDR(address: IPv4Address(0x0A58_0000), prefix: 16),
                               gateway: IPv4Address(0x0A58_0001), directory: "/nonexistent/ipam")
        let lease = try host.leaseAddress(from: pool, container: ContainerID.random(), containerDirectory: "/nonexistent")
        #expect(lease.address == IPv4Address(0x0A58_0002))
        #expect(host.releaseAddress(lease.address, container: ContainerID.random(), to: { pool }))
    }
}
