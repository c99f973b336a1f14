import FoundationEssentials
import LinuxKernel
import OCI

/// An address pool's file read and written by hand: the same bytes `JSONEncoder` writes
/// (`.prettyPrinted`, `.sortedKeys`), read with the `JSONNode` reader.
///
/// Every bridged `run` leases an address before its container starts and gives it back after,
/// each a read and a write of this file under its lock. Through `JSONDecoder` and `JSONEncoder`
/// those were the bridge's largest CPU cost (docs/run-hot-path.md), almost all of it the runtime's
/// first-use searches of its conformance tables for the Codable types, not the few hundred bytes.
/// A file the reader is unsure of goes to `JSONDecoder`, as before.
extension AddressPool.State {
    init?(json bytes: [UInt8]) {
        guard let node = JSONNode.parse(bytes), let members = node.members,
              members.allSatisfy({ ["subnet", "last", "leases"].contains($0.0) }),
              let subnet = node["subnet"]?.string.flatMap(CIDR.init), let items = node["leases"]?.array else { return nil }
        var last: IPv4Address?
        if let member = node["last"], !member.isNull {
            guard let address = member.string.flatMap(IPv4Address.init) else { return nil }
            last = address
        }
        var leases: [AddressPool.Lease] = []
        leases.reserveCapacity(items.count)
        for item in items {
            guard let fields = item.members, fields.count == 3,
                  let address = item["address"]?.string.flatMap(IPv4Address.init),
                  let container = item["container"]?.string, let directory = item["directory"]?.string else { return nil }
            leases.append(AddressPool.Lease(address: address, container: container, directory: directory))
        }
        self.init(subnet: subnet, last: last, leases: leases)
    }

    /// The file's text; nil for a lease with a string `PlainJSON` cannot write as the encoder does.
    var plainJSONText: String? {
        var fields: [(String, PlainJSON)] = [("subnet", .string(subnet.description))]
        if let last { fields.append(("last", .string(last.description))) }
        fields.append(("leases", .array(leases.map { lease in
            .object([("address", .string(lease.address.description)), ("container", .string(lease.container)),
                     ("directory", .string(lease.directory))])
        })))
        return PlainJSON.object(fields).text
    }

    static func decoded(_ bytes: [UInt8]) -> Self? {
        Self(json: bytes) ?? (try? JSONDecoder().decode(Self.self, from: Data(bytes)))
    }

    func encoded() throws -> String {
        if let text = plainJSONText { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
