import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// IP address management for one bridge: which addresses of its subnet are leased to which
/// container. A small JSON file with an flock(2) beside it, so concurrent `dockyard run`s never
/// get the same address; an address stays taken until its container's teardown (or the
/// janitor, after a crash) gives it back.
///
/// The pools live in `/run/dockyard/ipam/<bridge>.json`, not under a storage root: the bridge is
/// a host-wide kernel object (every storage root's default network is the one `dockyard0`), so
/// its leases must be host-wide too, and /run is emptied at boot exactly when every bridge, veth
/// and lease stops meaning anything.
///
/// Rootless, the bridges are the user's own (in `RootlessNetworkNamespace`), and so are the
/// pools: under the user's runtime directory, emptied with the namespace's holder.
public struct AddressPool: Sendable {
    public static var defaultDirectory: String {
        PrivilegeMode.current.isRootless ? RootlessHolder.runtimeDirectory + "/ipam" : "/run/dockyard/ipam"
    }

    public let bridge: String
    public let subnet: CIDR
    public let gateway: IPv4Address
    public let directory: String

    public init(bridge: String, subnet: CIDR, gateway: IPv4Address, directory: String = AddressPool.defaultDirectory) {
        self.bridge = bridge
        self.subnet = subnet
        self.gateway = gateway
        self.directory = directory
    }

    /// One address in use.
    public struct Lease: Codable, Sendable, Equatable {
        public var address: IPv4Address
        public var container: String
        /// The container's state directory: a lease whose directory is gone is stale.
        public var directory: String
    }

    struct State: Codable {
        var subnet: CIDR
        /// The last address handed out: the next search starts after it, so a just-released
        /// address is not reused at once (a peer may still have it in its ARP cache).
        var last: IPv4Address?
        var leases: [Lease]
    }

    public var path: String { "\(directory)/\(bridge).json" }

    /// Leases a free address for `container` (whose state lives in `containerDirectory`).
    public func lease(container: String, containerDirectory: String) throws -> CIDR {
        try locked { state in
            if let existing = state.leases.first(where: { $0.container == container }) {
                return CIDR(address: existing.address, prefix: subnet.prefix)
            }
            // Leases of containers whose directory has gone (a storage root deleted without a
            // teardown) free their addresses.
            state.leases.removeAll { !FileManager.default.fileExists(atPath: $0.directory) }
            let taken = Set(state.leases.map(\.address.value))
            let first = subnet.network.value &+ 1, last = subnet.broadcast.value &- 1
            guard last > first else { throw RuntimeError(code: .conflict, "subnet \(subnet) has no room for containers") }
            let count = last - first + 1
            let start = state.last.map { $0.value >= first && $0.value < last ? $0.value + 1 : first } ?? first
            for offset in 0..<count {
                let candidate = first + (start - first + offset) % count
                guard candidate != gateway.value, !taken.contains(candidate) else { continue }
                let address = IPv4Address(candidate)
                state.leases.append(Lease(address: address, container: container, directory: containerDirectory))
                state.last = address
                return CIDR(address: address, prefix: subnet.prefix)
            }
            throw RuntimeError(code: .conflict, "no available IPv4 addresses on network subnet \(subnet): every address is leased")
        }
    }

    /// Gives `address` back if `container` holds it. Returns whether it did.
    @discardableResult
    public func release(_ address: IPv4Address, container: String) throws -> Bool {
        try locked { state in
            let before = state.leases.count
            state.leases.removeAll { $0.address == address && $0.container == container }
            return state.leases.count != before
        }
    }

    /// Every lease (for tests and `network inspect`).
    public func leases() -> [Lease] {
        (try? locked { $0.leases }) ?? []
    }

    /// Deletes the pool's files (the network is being removed).
    public func remove() {
        unlink(path)
        unlink(path + ".lock")
    }

    private func locked<T>(_ body: (inout State) throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try ExclusiveLockFile.holding(at: path + ".lock") {
            var state = State(subnet: subnet, last: nil, leases: [])
            let data = FileManager.default.contents(atPath: path)
            if let data, let saved = State.decoded(Array(data)), saved.subnet == subnet {
                state = saved
            }
            let before = state.leases
            let result = try body(&state)
            if state.leases != before {
                try Self.rewrite(try state.encoded(), at: path, replacing: data?.count)   // AddressPool+InPlace.swift
            }
            return result
        }
    }
}
