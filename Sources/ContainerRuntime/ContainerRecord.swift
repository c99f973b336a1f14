import FoundationEssentials

/// What Dockyard remembers about one container, kept as JSON in its state directory: its
/// identity, the configuration it was created with, the state it is in, and the kernel objects
/// the current start owns. Every such object (cgroup directories, the veth and address lease) is
/// written here before it is made, so whatever a crash leaves behind can be found and removed later.
public struct ContainerRecord: Sendable, Equatable {
    public let id: ContainerID
    /// Changed only by `rename`.
    public internal(set) var name: String
    public let created: Date
    /// Fixed at create, so every start runs the same configuration; only `update` changes its
    /// limits and restart policy.
    public internal(set) var config: ContainerConfiguration
    /// Changed only by the engine (ContainerRunner, ContainerLifecycle, the janitor).
    public internal(set) var state: ContainerState

    // The rest belongs to neither: it outlives a single state. The cgroup paths and the network
    // attachment are recorded *before* the process exists (while the state still says created or
    // exited), so that a crash between making them and starting can be cleaned up; the stop request
    // is written by another command while it runs and read by its monitor after it exited.

    /// The container's own cgroup directories, one per hierarchy (recorded before mkdir).
    public internal(set) var cgroupPaths: [String]
    /// What the current start connected — address lease, veth, DNAT entries (Network/).
    public internal(set) var networkAttachment: NetworkAttachment?
    /// More bridge networks `network connect` joined while it runs: each a veth of its own
    /// (eth1, eth2, …) and an address leased from that network, recorded before it is made.
    public internal(set) var extraAttachments: [NetworkAttachment]
    /// What the current start of a rootless container made instead: pasta's ports and process.
    public internal(set) var userModeNetwork: UserModeAttachment?
    /// `stop` (or `kill`) asked it to end: the monitor must not restart it.
    public internal(set) var stopRequested: Bool
    /// How often the monitor restarted it.
    public internal(set) var restartCount: Int
    /// `run --rm`: the process that created it and is to start it (the janitor removes the
    /// container if that process dies first). Nil for every other container.
    public internal(set) var creatingRun: CreatingRun?

    init(id: ContainerID, name: String, created: Date, config: ContainerConfiguration, cgroupPaths: [String]) {
        self.id = id
        self.name = name
        self.created = created
        self.config = config
        self.state = .created
        self.cgroupPaths = cgroupPaths
        self.networkAttachment = nil
        self.extraAttachments = []
        self.userModeNetwork = nil
        self.stopRequested = false
        self.restartCount = 0
        self.creatingRun = nil
    }

    /// The ports this start published, as `docker port` lists them, on whichever network.
    public var publishedPorts: [PortMapping] {
        networkAttachment?.ports ?? userModeNetwork?.ports ?? []
    }
}
