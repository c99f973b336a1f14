/// An IPv4 address, as the kernel stores it in a `struct in_addr` (here in host byte order).
public struct IPv4Address: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    /// Dotted quad, e.g. "10.88.0.2".
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        self.value = value
    }

    public var description: String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xff) }.joined(separator: ".")
    }

    /// The address in network byte order, as netlink and sockaddr_in want it.
    public var networkOrder: UInt32 { value.bigEndian }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = IPv4Address(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IPv4 address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An address with a prefix length, as `ip addr` shows it ("10.88.0.2/16"): an interface's
/// address, or with the host bits zero a subnet (a network's range of addresses).
public struct CIDR: Hashable, Sendable, Codable, CustomStringConvertible {
    public var address: IPv4Address
    public var prefix: Int

    public init(address: IPv4Address, prefix: Int) {
        self.address = address
        self.prefix = prefix
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(String(parts[0])),
              parts[1].allSatisfy(\.isASCII), let prefix = Int(parts[1]), (0...32).contains(prefix) else { return nil }
        self.init(address: address, prefix: prefix)
    }

    public var description: String { "\(address)/\(prefix)" }

    public var mask: UInt32 { prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix) }
    /// The first address of the range (host bits zero).
    public var network: IPv4Address { IPv4Address(address.value & mask) }
    /// The last address of the range, the broadcast address.
    public var broadcast: IPv4Address { IPv4Address(address.value | ~mask) }
    /// The subnet this address is in, e.g. 10.88.0.0/16 for 10.88.0.2/16.
    public var subnet: CIDR { CIDR(address: network, prefix: prefix) }
    /// How many addresses the range holds.
    public var size: UInt64 { UInt64(1) << UInt64(32 - prefix) }

    public func contains(_ other: IPv4Address) -> Bool { other.value & mask == network.value }

    public func overlaps(_ other: CIDR) -> Bool {
        let shorter = min(prefix, other.prefix)
        let mask = shorter == 0 ? 0 : ~UInt32(0) << UInt32(32 - shorter)
        return address.value & mask == other.address.value & mask
    }

    /// The n-th address of the range (1 is the first usable one, usually the gateway).
    public func host(_ n: UInt32) -> IPv4Address { IPv4Address(network.value &+ n) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let cidr = CIDR(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IPv4 CIDR: \(text)"))
        }
        self = cidr
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
