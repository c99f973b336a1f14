import FoundationEssentials
import LinuxKernel
import Testing
@testable import ContainerRuntime
#if canImport(Glibc)
import Glibc
#endif

/// An address pool's file, read and written by hand (`AddressPool+JSONText.swift`): the bytes
/// `JSONEncoder` writes, and what `JSONDecoder` reads, or nil so that the decoder reads it.
struct AddressPoolJSONTextTests {
    static let subnet = CIDR(address: IPv4Address(0x0A58_0000), prefix: 16)

    static func lease(_ last: UInt32, _ id: String) -> AddressPool.Lease {
        AddressPool.Lease(address: IPv4Address(0x0A58_0000 + last), container: id,
                          directory: "/var/lib/dockyard/containers/\(id)")
    }

    static var states: [AddressPool.State] {
        [AddressPool.State(subnet: subnet, last: nil, leases: []),
         AddressPool.State(subnet: subnet, last: IPv4Address(0x0A58_0007), leases: []),
         AddressPool.State(subnet: subnet, last: IPv4Address(0x0A58_0103),
                           leases: [lease(2, String(repeating: "ab", count: 32)), lease(0x103, String(repeating: "0f", count: 32))])]
    }

    static func encoderText(_ state: AddressPool.State) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    @Test("a pool's file is written byte for byte as JSONEncoder writes it")
    func sameBytes() throws {
        for state in Self.states {
            let text = try #require(state.plainJSONText, "\(state.leases.count) leases")
            #expect(text == (try Self.encoderText(state)), "\(state.leases.count) leases, last \(String(describing: state.last))")
        }
    }

    @Test("the hand-written reader reads what JSONDecoder reads, and leaves what it is unsure of to it")
    func sameReading() throws {
        for state in Self.states {
            let bytes = Array(try Self.encoderText(state).utf8)
            let read = try #require(AddressPool.State(json: bytes))
            let decoded = try JSONDecoder().decode(AddressPool.State.self, from: Data(bytes))
            #expect(read.subnet == decoded.subnet && read.last == decoded.last && read.leases == decoded.leases)
        }
        let unsure = [#"{"subnet": "10.88.0.0/16", "leases": [], "extra": 1}"#,
                      #"{"subnet": "10.88.0.0/16", "leases": [{"address": "10.88.0.300", "container": "a", "directory": "/d"}]}"#,
                      #"{"subnet": "10.88.0.0/16"}"#, "not json"]
        for text in unsure { #expect(AddressPool.State(json: Array(text.utf8)) == nil, "\(text)") }
    }

    @Test("a lease taken and given back leaves the encoder's text, padded with spaces in place")
    func leaseRoundTrip() throws {
        let directory = "/tmp/dockyard-pool-test-\(UInt64.random(in: 0...UInt64.max))"
        defer { _ = try? FileManager.default.removeItem(atPath: directory) }
        let pool = AddressPool(bridge: "dytest0", subnet: Self.subnet, gateway: Self.subnet.host(1), directory: directory)
        let first = try pool.lease(container: "one", containerDirectory: directory)
        let second = try pool.lease(container: "two", containerDirectory: directory)
        #expect(first.address == Self.subnet.host(2) && second.address == Self.subnet.host(3))
        #expect(try pool.lease(container: "one", containerDirectory: directory) == first, "a container keeps its lease")
        let longer = try #require(FileManager.default.contents(atPath: pool.path)).count
        #expect(try pool.release(first.address, container: "one"))
        // Rewritten in place, padded with spaces to the old length (AddressPool+InPlace.swift).
        let text = String(decoding: try #require(FileManager.default.contents(atPath: pool.path)), as: UTF8.self)
        let expected = AddressPool.State(subnet: Self.subnet, last: second.address,
                                         leases: [AddressPool.Lease(address: second.address, container: "two", directory: directory)])
        let expectedText = try Self.encoderText(expected)
        #expect(text.utf8.count == longer && text.hasPrefix(expectedText) && text.dropFirst(expectedText.count).allSatisfy { $0 == " " })
        let decoded = try JSONDecoder().decode(AddressPool.State.self, from: Data(text.utf8))
        #expect(decoded.leases == expected.leases && AddressPool.State(json: Array(text.utf8))?.leases == expected.leases)
    }

    @Test("a pool whose file would outgrow a page is written whole to a new file and renamed, unpadded")
    func largePoolRenamed() throws {
        let directory = "/tmp/dockyard-pool-test-\(UInt64.random(in: 0...UInt64.max))"
        defer { _ = try? FileManager.default.removeItem(atPath: directory) }
        let pool = AddressPool(bridge: "dytest1", subnet: Self.subnet, gateway: Self.subnet.host(1), directory: directory)
        var inode: [UInt64] = []
        for n in 0..<30 {
            _ = try pool.lease(container: String(repeating: "c", count: 60) + String(n), containerDirectory: directory)
            var status = stat()
            #expect(stat(pool.path, &status) == 0)
            inode.append(UInt64(status.st_ino))
        }
        let text = String(decoding: try #require(FileManager.default.contents(atPath: pool.path)), as: UTF8.self)
        #expect(text.utf8.count > AddressPool.inPlaceLimit && !text.hasSuffix(" "))
        #expect(inode[2] == inode[1], "small rewrites keep the file (in place)")
        #expect(inode[29] != inode[28], "a rewrite beyond a page renames a new file over it")
        #expect(pool.leases().count == 30)
    }
}
