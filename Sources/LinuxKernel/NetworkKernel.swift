import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The network half of the kernel seam: the objects a bridged container is wired with.
/// `Kernel` refines it, so `LiveKernel` makes these objects and `SimulatedKernel` only tells.
///
/// How they fit together: a Linux bridge (a virtual switch, e.g. `dockyard0`) holds the
/// gateway address of its subnet; each container gets a veth pair (a virtual cable) with one end
/// on the bridge and the other, `eth0`, inside the container's network namespace, where it has
/// an address from the subnet and a default route via the bridge. Netfilter rules (nftables)
/// masquerade the containers' traffic as the host's and forward published ports to them.
public protocol NetworkKernel {
    /// Whether a network interface of this name exists in the host's network namespace.
    func interfaceExists(_ name: String) -> Bool
    /// The IPv4 address and prefix of a host interface (a bridge's gateway address), if any.
    func interfaceAddress(_ name: String) -> CIDR?
    /// An interface's alias (`ip link set NAME alias TEXT`), nil when it has none.
    func interfaceAlias(_ name: String) -> String?
    /// Sets an interface's alias: a note kept with the interface, of no effect on packets.
    func setInterfaceAlias(_ name: String, _ alias: String) throws
    /// The IPv4 destinations of the host's routes, to pick a subnet nothing else uses.
    func hostRoutes() -> [CIDR]

    /// A new bridge with `address` on it, brought up (RTM_NEWLINK kind bridge, RTM_NEWADDR).
    func createBridge(_ name: String, address: CIDR) throws
    /// A veth pair: `host` on `bridge` and up, its peer created as `peer` inside the network
    /// namespace of `containerPid`.
    func createVeth(host: String, peer: String, containerPid: Int32, bridge: String) throws
    /// Inside the network namespace of `pid`: `address` on `interface`, the interface up, and
    /// the default route via `gateway` (nil: no default route, for a second network).
    func configureContainerInterface(pid: Int32, interface: String, address: CIDR, gateway: IPv4Address?) throws
    /// Delete a host interface (a bridge, or one end of a veth pair, which takes the other end
    /// with it). Quietly does nothing if it is gone already.
    func deleteInterface(_ name: String, what: String) throws

    /// Write a value under /proc/sys (e.g. net/ipv4/ip_forward), if it differs.
    func writeSysctl(_ key: String, _ value: String) throws
    /// Apply nftables commands as one transaction: all of them happen, or none.
    func applyNetfilter(_ commands: [NetfilterCommand]) throws
    /// What `nft -a list OBJECT` prints (e.g. "chain ip filter FORWARD"), nil if it does not exist.
    func listNetfilter(_ object: String) -> String?

    /// This kernel with its network objects (bridges, veths' host ends, sysctls, nftables) made
    /// inside the network namespace pinned at `path` instead of the host's: rootless mode's shared
    /// namespace, where an ordinary user's bridges live. Per-process work (a container's eth0,
    /// by its pid) is unchanged.
    func inNetworkNamespace(pinnedAt path: String) -> any Kernel
    /// A new network namespace, kept alive with no process in it by a bind mount of its nsfs file
    /// at `path` (`ip netns add` does the same under /run/netns).
    func createNetworkNamespace(pinnedAt path: String, purpose: String) throws
    /// Whether a network namespace is pinned at `path` (a bind-mounted nsfs file).
    func networkNamespaceExists(pinnedAt path: String) -> Bool
    /// Detaches the pin at `path`: the namespace, with every interface in it, goes once nothing
    /// else holds it. Quiet about a pin that is gone already.
    func removeNetworkNamespace(pinnedAt path: String, purpose: String) throws

    /// An address lease from a network's pool was taken or given back (engine state, told so
    /// the story of a container's address is complete).
    func reportLease(_ address: CIDR, network: String, released: Bool)

    /// Starts a user-mode network helper (pasta) on the container's network namespace and
    /// returns once it is ready (its interface configured, its ports listening) and running in
    /// the background: the pid it runs as.
    func startNetworkHelper(_ launch: NetworkHelperLaunch) throws -> Int32
    /// Stops the helper running as `pid` (SIGTERM, then SIGKILL if it lingers) and returns once
    /// it is gone. `startTime` (/proc/PID/stat) tells it from a later process given the same pid:
    /// if they differ, the helper is gone already and nothing is signalled.
    func stopNetworkHelper(program: String, pid: Int32, startTime: UInt64?) throws
}

/// One nftables command, in `nft` syntax, and why it is run.
public struct NetfilterCommand: Sendable, Equatable {
    public var command: String
    public var purpose: String

    public init(_ command: String, purpose: String) {
        self.command = command
        self.purpose = purpose
    }
}

/// `nft` refused a transaction (nothing of it was applied): its first line of complaint, and
/// the commands it was given.
public struct NetfilterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var commands: [String]
    public var message: String
    /// The errno the kernel refused the change with, when nft said which (e.g. EEXIST for a port
    /// that is already mapped). Callers decide on this, not on nft's words.
    public var errno: Int32?

    public init(commands: [String], message: String, errno: Int32? = nil) {
        self.commands = commands
        self.message = message
        self.errno = errno ?? Self.errno(inNftMessage: message)
    }

    /// nft reports a refused change as `Error: Could not process rule: <strerror(errno)>`: the
    /// only place its errno appears. Read back here, once, for the errnos a caller acts on.
    static func errno(inNftMessage message: String) -> Int32? {
        let marker = "Could not process rule: "
        guard let range = message.firstRange(of: marker) else { return nil }
        let reason = message[range.upperBound...].prefix { $0 != "\n" }
        return [EEXIST, ENOENT, EBUSY, EPERM, EINVAL, ENOMEM, EOPNOTSUPP].first { KernelError.message(for: $0) == reason }
    }

    public var description: String {
        "nft: \(message) (in: \(commands.joined(separator: "; ")))"
    }
}
