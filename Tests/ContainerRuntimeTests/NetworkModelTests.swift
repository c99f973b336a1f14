import ContainerRuntime
import Foundation
import Synchronization
import LinuxKernel
import Testing
import TestSupport

/// The network's bookkeeping without the kernel: port specs as Docker spells them, CIDR
/// arithmetic, and the address pool's promise never to hand out an address that is in use.
@Suite("Network model: ports, subnets, address pool")
struct NetworkModelTests {
    @Test("-p specs parse as Docker reads them, and bad ones are refused")
    func portSpecs() throws {
        #expect(try PortMapping(parsing: "8080:80") == PortMapping(hostPort: 8080, containerPort: 80))
        #expect(try PortMapping(parsing: "127.0.0.1:8080:80/udp")
                == PortMapping(hostIP: IPv4Address("127.0.0.1"), hostPort: 8080, containerPort: 80, proto: "udp"))
        #expect(try PortMapping(parsing: "80") == PortMapping(hostPort: 0, containerPort: 80))
        #expect(try PortMapping(parsing: "127.0.0.1::53/udp").hostPort == 0)
        #expect(try PortMapping(parsing: "0.0.0.0:81:80").hostIP == nil)
        for bad in ["99999:80", "80:0", "a:80", "1.2.3:80:80", "80/sctp", "1:2:3:4", ""] {
            #expect(throws: RuntimeError.self, "\(bad)") { _ = try PortMapping(parsing: bad) }
        }
        #expect(PortMapping(exposed: "8080/tcp") == PortMapping(hostPort: 0, containerPort: 8080))
        #expect(try PortMapping(parsing: "127.0.0.1:8080:80").description == "80/tcp -> 127.0.0.1:8080")
    }

    @Test("CIDR arithmetic: network, broadcast, overlap")
    func cidr() throws {
        let subnet = try #require(CIDR("10.88.3.7/16"))
        #expect(subnet.network.description == "10.88.0.0")
        #expect(subnet.broadcast.description == "10.88.255.255")
        #expect(subnet.host(1).description == "10.88.0.1")
        #expect(subnet.overlaps(try #require(CIDR("10.88.200.0/24"))))
        #expect(!subnet.overlaps(try #require(CIDR("10.89.0.0/24"))))
        #expect(CIDR("10.88.0.0/33") == nil && CIDR("300.1.1.1/8") == nil && IPv4Address("1.2.3") == nil)
    }

    @Test("the pool never leases an address that is in use, even to concurrent callers")
    func poolIsExclusive() throws {
        let directory = try TemporaryDirectory(prefix: "ipam")
        let pool = AddressPool(bridge: "dytest", subnet: try #require(CIDR("10.200.0.0/24")),
                               gateway: try #require(IPv4Address("10.200.0.1")), directory: directory.path)
        let results = Mutex<[String: IPv4Address]>([:])
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let container = "c\(index)"
            try? FileManager.default.createDirectory(atPath: directory.appending(container), withIntermediateDirectories: true)
            if let lease = try? pool.lease(container: container, containerDirectory: directory.appending(container)) {
                results.withLock { $0[container] = lease.address }
            }
        }
        let leased = results.withLock { $0 }
        #expect(leased.count == 40)
        #expect(Set(leased.values).count == 40, "an address was handed out twice")
        #expect(!leased.values.contains(try #require(IPv4Address("10.200.0.1"))), "the gateway was leased")
        #expect(pool.leases().count == 40)

        // A released address is not handed out again at once; a lease whose container is gone is reclaimed.
        let first = try #require(leased["c0"])
        #expect(try pool.release(first, container: "c0"))
        #expect(try !pool.release(first, container: "c0"))
        try FileManager.default.createDirectory(atPath: directory.appending("next"), withIntermediateDirectories: true)
        #expect(try pool.lease(container: "next", containerDirectory: directory.appending("next")).address != first)
        try FileManager.default.removeItem(atPath: directory.appending("c1"))
        try FileManager.default.createDirectory(atPath: directory.appending("after"), withIntermediateDirectories: true)
        _ = try pool.lease(container: "after", containerDirectory: directory.appending("after"))
        #expect(!pool.leases().contains { $0.container == "c1" })
    }

    @Test("a full subnet is an error, not a duplicate")
    func poolRunsOut() throws {
        let directory = try TemporaryDirectory(prefix: "ipam")
        let pool = AddressPool(bridge: "dytiny", subnet: try #require(CIDR("10.201.0.0/30")),
                               gateway: try #require(IPv4Address("10.201.0.1")), directory: directory.path)
        #expect(try pool.lease(container: "a", containerDirectory: directory.path).address.description == "10.201.0.2")
        #expect(throws: RuntimeError.self) { _ = try pool.lease(container: "b", containerDirectory: directory.path) }
    }
}
