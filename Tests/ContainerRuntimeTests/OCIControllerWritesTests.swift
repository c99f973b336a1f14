import Foundation
import OCI
import Testing
@testable import ContainerRuntime

/// config.json's blockIO and network resources as the cgroup file writes runc makes.
struct OCIControllerWritesTests {
    func blockIO(_ json: String) throws -> RuntimeSpec.BlockIO {
        try JSONDecoder().decode(RuntimeSpec.BlockIO.self, from: Data(json.utf8))
    }

    @Test("v1: throttles to blkio.throttle.*_device, weights to BFQ's files when the kernel has them")
    func blockIOv1() throws {
        let io = try blockIO(#"{"weight": 300, "weightDevice": [{"major": 8, "minor": 0, "weight": 500}],"#
            + #""throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}],"#
            + #""throttleWriteIOPSDevice": [{"major": 8, "minor": 16, "rate": 100}]}"#)
        let writes = try OCIControllerWrites.blockIOv1(io, directory: "/b", exists: { $0.hasPrefix("/b/blkio.bfq.") })
        #expect(writes == [.init(path: "/b/blkio.bfq.weight", value: "300"), .init(path: "/b/blkio.bfq.weight_device", value: "8:0 500"),
                           .init(path: "/b/blkio.throttle.read_bps_device", value: "8:0 1048576"),
                           .init(path: "/b/blkio.throttle.write_iops_device", value: "8:16 100")])
        let cfq = try OCIControllerWrites.blockIOv1(io, directory: "/b", exists: { $0 == "/b/blkio.weight" || $0 == "/b/blkio.weight_device" })
        #expect(cfq.first == .init(path: "/b/blkio.weight", value: "300"))
    }

    @Test("v1: a weight without a weight file is refused by field, not dropped; throttles alone need none")
    func blockIOv1Refusal() throws {
        let weighted = try blockIO(#"{"weight": 300}"#)
        #expect {
            try OCIControllerWrites.blockIOv1(weighted, directory: "/b", exists: { _ in false })
        } throws: { "\($0)".contains("linux.resources.blockIO.weight") && "\($0)".contains("blkio.weight") }
        let leaf = try blockIO(#"{"leafWeight": 300}"#)
        #expect(throws: RuntimeError.self) { try OCIControllerWrites.blockIOv1(leaf, directory: "/b", exists: { _ in false }) }
        let throttled = try blockIO(#"{"weight": 0, "throttleWriteBpsDevice": [{"major": 254, "minor": 0, "rate": 10}]}"#)
        #expect(try OCIControllerWrites.blockIOv1(throttled, directory: "/b", exists: { _ in false })
                == [.init(path: "/b/blkio.throttle.write_bps_device", value: "254:0 10")])
    }

    @Test("v2: io.max lines per throttle, io.weight scaled by runc's formula, BFQ's weight as given")
    func blockIOv2() throws {
        let io = try blockIO(#"{"weight": 1000, "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 10}],"#
            + #""throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 20}]}"#)
        let writes = try OCIControllerWrites.blockIOv2(io, directory: "/c", exists: { $0 == "/c/io.weight" })
        #expect(writes == [.init(path: "/c/io.weight", value: "10000"), .init(path: "/c/io.max", value: "8:0 rbps=10"),
                           .init(path: "/c/io.max", value: "8:0 riops=20")])
        let low = try OCIControllerWrites.blockIOv2(try blockIO(#"{"weight": 10}"#), directory: "/c", exists: { $0 == "/c/io.weight" })
        #expect(low == [.init(path: "/c/io.weight", value: "1")])
        let bfq = try OCIControllerWrites.blockIOv2(try blockIO(#"{"weight": 500}"#), directory: "/c", exists: { _ in true })
        #expect(bfq == [.init(path: "/c/io.bfq.weight", value: "500")])
        #expect(throws: RuntimeError.self) {
            try OCIControllerWrites.blockIOv2(try blockIO(#"{"leafWeight": 500}"#), directory: "/c", exists: { _ in true })
        }
    }

    @Test("network: classID to net_cls.classid, each priority a line of net_prio.ifpriomap; refused without the controller")
    func network() throws {
        let network = try JSONDecoder().decode(RuntimeSpec.Network.self, from: Data(#"{"classID": 1048577, "priorities": [{"name": "lo", "priority": 5}, {"name": "eth0", "priority": 9}]}"#.utf8))
        #expect(try OCIControllerWrites.network(network, netCls: "/n", netPrio: "/p") == [
            .init(path: "/n/net_cls.classid", value: "1048577"), .init(path: "/p/net_prio.ifpriomap", value: "lo 5"),
            .init(path: "/p/net_prio.ifpriomap", value: "eth0 9")])
        #expect {
            try OCIControllerWrites.network(network, netCls: nil, netPrio: "/p")
        } throws: { "\($0)".contains("linux.resources.network.classID") && "\($0)".contains("net_cls") }
        #expect {
            try OCIControllerWrites.network(network, netCls: "/n", netPrio: nil)
        } throws: { "\($0)".contains("linux.resources.network.priorities") }
    }
}
