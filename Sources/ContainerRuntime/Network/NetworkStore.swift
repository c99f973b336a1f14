import FoundationEssentials
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The networks of one storage root: `<root>/networks/<name>.json` for each user network, and
/// the built-in `bridge` network (the host-wide `dockyard0`). A network's record is written
/// before its bridge is made, so `network rm` (or a retry) can always find and remove it.
public struct NetworkStore: Sendable {
    public let root: String
    /// Where definitions are kept and locks taken (`LiveHost`, or `SimulatedHost`).
    public let host: any Host
    public var kernel: any Kernel { host.kernel }

    public static let defaultName = "bridge"
    public static let defaultBridge = "dockyard0"
    /// Docker's names that are modes, not networks.
    public static let reserved: Set<String> = ["bridge", "host", "none", "default"]

    public init(root: String, host: any Host) {
        self.root = root
        self.host = host
    }

    /// The networks of `root` on the host `kernel` belongs to.
    public init(root: String, kernel: any Kernel) {
        self.init(root: root, host: kernel.host)
    }

    public var directory: String { root + "/networks" }

    func path(_ name: String) -> String { "\(directory)/\(name).json" }

    /// The default network: `dockyard0` with the subnet it already has, or else the first of
    /// 10.88.0.0/16, 10.87.0.0/16, … that no route of the host's overlaps.
    public func defaultNetwork() throws -> NetworkDefinition {
        let subnet: CIDR
        if let existing = kernel.interfaceAddress(Self.defaultBridge) {
            subnet = existing.subnet
        } else {
            let candidates = (0..<16).map { CIDR(address: IPv4Address(0x0A58_0000 - UInt32($0) << 16), prefix: 16) }
            guard let free = firstFree(candidates) else {
                throw RuntimeError(code: .conflict, "no free private subnet for the default bridge network: every 10.73–10.88.0.0/16 overlaps a host route")
            }
            subnet = free
        }
        return NetworkDefinition(name: Self.defaultName, id: String(repeating: "d0c4", count: 16), bridge: Self.defaultBridge,
                                 subnet: subnet, gateway: subnet.host(1), created: Date(timeIntervalSince1970: 0), builtIn: true)
    }

    /// A network by name (or a unique id prefix of a user network).
    public func find(_ name: String) throws -> NetworkDefinition {
        if name == Self.defaultName { return try defaultNetwork() }
        if let data = FileManager.default.contents(atPath: path(name)) {
            return try Self.decoder.decode(NetworkDefinition.self, from: data)
        }
        let matches = userNetworks().filter { $0.id.hasPrefix(name) }
        if matches.count == 1, !name.isEmpty { return matches[0] }
        throw RuntimeError(code: .notFound, "network \(name) not found")
    }

    /// Every network with a bridge on this host that this store knows: the default and the user networks.
    public func knownNetworks() -> [NetworkDefinition] {
        (kernel.interfaceExists(Self.defaultBridge) ? [try? defaultNetwork()].compactMap { $0 } : [])
            + userNetworks().filter { kernel.interfaceExists($0.bridge) }
    }

    /// User networks, by name.
    public func userNetworks() -> [NetworkDefinition] {
        let names = DirectoryListing.names(atPath: directory) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap { file in
            FileManager.default.contents(atPath: "\(directory)/\(file)").flatMap { try? Self.decoder.decode(NetworkDefinition.self, from: $0) }
        }.sorted { $0.name < $1.name }
    }

    /// Records a new user network; its bridge is made by `BridgeSetup`. Without `subnet`, the
    /// first 10.89.N.0/24 (then 10.90.N.0/24) that nothing overlaps.
    public func create(name: String, subnet requested: CIDR?) throws -> NetworkDefinition {
        guard Self.isValidName(name) else {
            throw RuntimeError(code: .invalidArgument, "invalid network name \"\(name)\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        }
        guard !Self.reserved.contains(name) else {
            throw RuntimeError(code: .invalidArgument, "operation is not permitted on predefined \(name) network")
        }
        return try withLock {
            guard !FileManager.default.fileExists(atPath: path(name)) else {
                throw RuntimeError(code: .conflict, "network with name \(name) already exists")
            }
            let subnet: CIDR
            if let requested {
                let clean = requested.subnet
                guard clean.prefix <= 30 else { throw RuntimeError(code: .invalidArgument, "subnet \(clean) is too small for containers: use /30 or larger") }
                if let clash = taken().first(where: { $0.overlaps(clean) }) {
                    throw RuntimeError(code: .conflict, "invalid pool request: Pool overlaps with other one on this address space (\(clash))")
                }
                subnet = clean
            } else {
                let candidates = (0..<512).map { CIDR(address: IPv4Address(0x0A59_0000 + UInt32($0) << 8), prefix: 24) }
                guard let free = firstFree(candidates) else { throw RuntimeError(code: .conflict, "no free subnet left in 10.89.0.0/15 for a new network") }
                subnet = free
            }
            let id = ContainerID.random().full
            let definition = NetworkDefinition(name: name, id: id, bridge: "dy-" + id.prefix(12), subnet: subnet,
                                               gateway: subnet.host(1), created: Date(), builtIn: false)
            try host.save(definition, in: self)
            return definition
        }
    }

    /// Forgets a user network's record (its kernel objects are removed first by `BridgeSetup`).
    public func delete(_ definition: NetworkDefinition) {
        unlink(path(definition.name))
    }

    func save(_ definition: NetworkDefinition) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(definition), as: UTF8.self)
        do { try FileWriting.replace(text, at: path(definition.name)) } catch {
            throw RuntimeError(code: .system, "cannot save network \(definition.name) in \(path(definition.name))", cause: error)
        }
    }

    /// Subnets in use: the host's routes (every bridge of every root has one) and this root's networks.
    func taken() -> [CIDR] {
        kernel.hostRoutes().filter { $0.prefix > 0 } + userNetworks().map(\.subnet)
    }

    func firstFree(_ candidates: [CIDR]) -> CIDR? {
        let used = taken()
        return candidates.first { candidate in !used.contains { $0.overlaps(candidate) } }
    }

    /// Runs `body` holding an flock on the networks directory: creation, removal, and the
    /// rewriting of peers' /etc/hosts files happen one at a time.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try host.holdingLock(at: directory + "/.lock", body)
    }

    public static func isValidName(_ name: String) -> Bool {
        name.count <= 64 && NameRules.isDockerName(name, minimumLength: 1)
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
