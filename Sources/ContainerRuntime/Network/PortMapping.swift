import LinuxKernel

/// A published port (`-p [IP:]HOSTPORT:CONTAINERPORT[/tcp|udp]`): in the kernel, one DNAT map
/// entry in Dockyard's nftables table that rewrites connections to the host's port into
/// connections to the container's address and port (see `NATRules`).
public struct PortMapping: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The host address it listens on; nil for every address (Docker's 0.0.0.0).
    public var hostIP: IPv4Address?
    /// 0 until a free port is picked at start (`-p 80`, `-P`).
    public var hostPort: UInt16
    public var containerPort: UInt16
    /// "tcp" or "udp".
    public var proto: String

    public init(hostIP: IPv4Address? = nil, hostPort: UInt16, containerPort: UInt16, proto: String = "tcp") {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.proto = proto
    }

    /// Docker's spelling: `80`, `8080:80`, `127.0.0.1:8080:80`, `127.0.0.1::80`, each with an
    /// optional `/tcp` or `/udp`.
    public init(parsing text: String) throws {
        var spec = Substring(text)
        var proto = "tcp"
        if let slash = spec.lastIndex(of: "/") {
            proto = String(spec[spec.index(after: slash)...]).lowercased()
            spec = spec[..<slash]
            guard proto == "tcp" || proto == "udp" else { throw RuntimeError(code: .invalidArgument, "invalid proto: \(proto)") }
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else { throw RuntimeError(code: .invalidArgument, "invalid port specification: \"\(text)\"") }
        func port(_ value: String, _ what: String) throws -> UInt16 {
            guard let number = UInt16(value), number > 0 else { throw RuntimeError(code: .invalidArgument, "invalid \(what): \(value)") }
            return number
        }
        let containerPort = try port(parts[parts.count - 1], "containerPort")
        var hostPort: UInt16 = 0
        if parts.count >= 2, !parts[parts.count - 2].isEmpty { hostPort = try port(parts[parts.count - 2], "hostPort") }
        var hostIP: IPv4Address?
        if parts.count == 3, !parts[0].isEmpty, parts[0] != "0.0.0.0" {
            guard let address = IPv4Address(parts[0]) else { throw RuntimeError(code: .invalidArgument, "invalid IP address: \(parts[0])") }
            hostIP = address
        }
        self.init(hostIP: hostIP, hostPort: hostPort, containerPort: containerPort, proto: proto)
    }

    /// An image's `EXPOSE` entry ("80/tcp") as a port to publish on a free host port (`-P`).
    public init?(exposed: String) {
        guard let mapping = try? PortMapping(parsing: exposed), mapping.hostPort == 0, mapping.hostIP == nil else { return nil }
        self = mapping
    }

    /// As `docker port` prints it: `80/tcp -> 0.0.0.0:8080`.
    public var description: String {
        "\(containerPort)/\(proto) -> \(hostIP?.description ?? "0.0.0.0"):\(hostPort)"
    }
}
