import LinuxKernel

/// What a container's resolver reads, beyond what its network gives: `--add-host` lines in its
/// /etc/hosts, and `--dns` / `--dns-search` in its /etc/resolv.conf. The C library inside the
/// container reads both files on each lookup; the engine writes them before the first process
/// starts and bind-mounts them in (RootFilesystemPlan), as Docker does.
public struct NameResolution: Codable, Sendable, Equatable {
    /// `--add-host NAME:IP`, as given; IP may be `host-gateway` (the default bridge's address).
    public var extraHosts: [String] = []
    /// `--dns`: nameservers that replace the host's.
    public var servers: [String] = []
    /// `--dns-search`: search domains that replace the host's (`.` alone: none).
    public var searchDomains: [String] = []

    public init(extraHosts: [String] = [], servers: [String] = [], searchDomains: [String] = []) {
        self.extraHosts = extraHosts
        self.servers = servers
        self.searchDomains = searchDomains
    }

    /// Docker's word for the gateway address in `--add-host`.
    public static let hostGateway = "host-gateway"

    /// Checks one `--add-host` value as Docker's client does, naming the value it refuses.
    public static func checkExtraHost(_ value: String) throws {
        // The host name comes first; the address may be IPv6 with colons of its own.
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else {
            throw RuntimeError(code: .invalidArgument, "invalid argument \"\(value)\" for \"--add-host\" flag: bad format for add-host: \"\(value)\"")
        }
        let address = String(value[value.index(after: colon)...])
        guard address == hostGateway || isIPAddress(address) else {
            throw RuntimeError(code: .invalidArgument, "invalid argument \"\(value)\" for \"--add-host\" flag: invalid IP address in add-host: \"\(address)\"")
        }
        if value[..<colon].contains(where: { $0.isWhitespace }) {
            throw RuntimeError(code: .invalidArgument, "invalid argument \"\(value)\" for \"--add-host\" flag: bad format for add-host: \"\(value)\"")
        }
    }

    /// Checks one `--dns` value: Docker takes only IP addresses.
    public static func checkServer(_ value: String) throws {
        guard isIPAddress(value) else {
            throw RuntimeError(code: .invalidArgument, "invalid argument \"\(value)\" for \"--dns\" flag: IP address is not correctly formatted: \(value)")
        }
    }

    /// Checks one `--dns-search` value as Docker's client does: a domain name (labels of letters,
    /// digits and inner hyphens, with a letter somewhere, under 255 characters) or `.` for none.
    /// So no value can carry a line of its own into resolv.conf.
    public static func checkSearchDomain(_ value: String) throws {
        if value == "." { return }
        let name = value.hasSuffix(".") ? String(value.dropLast()) : value
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !name.isEmpty && name.count < 255 && name.contains(where: \.isLetter) && labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && label.first != "-" && label.last != "-"
        }
        guard valid else {
            throw RuntimeError(code: .invalidArgument, "invalid argument \"\(value)\" for \"--dns-search\" flag: \(value) is not a valid domain")
        }
    }

    /// An IPv4 address, or text shaped like an IPv6 one (hex digits and colons).
    static func isIPAddress(_ text: String) -> Bool {
        IPv4Address(text) != nil || (text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." })
    }

    /// The /etc/hosts lines for `--add-host`, appended after the network's own, with
    /// `host-gateway` as `gateway` (nil when there is no bridge to name: then refused).
    public func hostsLines(gateway: String?) throws -> String {
        var text = ""
        for entry in extraHosts {
            guard let colon = entry.firstIndex(of: ":") else { continue }
            var address = String(entry[entry.index(after: colon)...])
            if address == Self.hostGateway {
                guard let gateway else {
                    throw RuntimeError(code: .invalidArgument, "--add-host \(entry): there is no default bridge address for host-gateway here")
                }
                address = gateway
            }
            text += "\(address)\t\(entry[..<colon])\n"
        }
        return text
    }

    /// `resolvConf` (the network's or the host's text) with `--dns` servers and `--dns-search`
    /// domains in place of its own, its other lines (`options`) kept, as Docker writes it.
    public func applied(to resolvConf: String) -> String {
        guard !servers.isEmpty || !searchDomains.isEmpty else { return resolvConf }
        var lines = resolvConf.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !servers.isEmpty { lines.removeAll { $0.hasPrefix("nameserver") } }
        if !searchDomains.isEmpty { lines.removeAll { $0.hasPrefix("search") || $0.hasPrefix("domain") } }
        lines.removeAll { $0.isEmpty }
        var head: [String] = []
        if !searchDomains.isEmpty, searchDomains != ["."] { head.append("search " + searchDomains.joined(separator: " ")) }
        head += servers.map { "nameserver " + $0 }
        return (head + lines).joined(separator: "\n") + "\n"
    }
}
