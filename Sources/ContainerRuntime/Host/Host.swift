import Explain
import LinuxKernel

/// The machine a container runs on, as the runtime sees it: the kernel (namespaces, cgroups,
/// mounts, veths — every effect reported as an event) and everything else the runtime keeps or
/// reads on the host — container and network records, locks, address leases, host ports,
/// /proc and /etc reads, the standard streams it relays. `LiveHost` does all of it for real;
/// `SimulatedHost` keeps nothing and locks nothing, so `--simulate` is another host, not a flag
/// the runtime checks.
public protocol Host: Sendable {
    /// The kernel-object seam; it also says whether events are marked simulated.
    var kernel: any Kernel { get }

    // MARK: Records

    /// Keeps `record` in `store` (its directory is made if needed).
    func save(_ record: ContainerRecord, in store: ContainerStore) throws
    /// Every container `store` keeps, newest first.
    func records(in store: ContainerStore) -> [ContainerRecord]
    /// Each container's name and status, read without decoding its whole record.
    func summaries(in store: ContainerStore) -> [ContainerSummary]
    /// The record of `id` as it is now, which another command may have changed; nil if none.
    func latestRecord(_ id: ContainerID, in store: ContainerStore) -> ContainerRecord?
    /// Appends `event` to the event stream kept beside `store` (`EventJournal`).
    func journal(_ event: EngineEvent, in store: ContainerStore)
    /// Keeps a user network's definition in `networks`.
    func save(_ definition: NetworkDefinition, in networks: NetworkStore) throws
    /// A running container, or a pod, named where a container joins another's namespaces but not
    /// kept by this host: nil on the live host (the name is unknown); the simulation's stand-in
    /// (SimulatedHost+StandIns), so that `--simulate` shows the joiner's plan.
    func standIn(container nameOrID: String) -> ContainerRecord?
    func standIn(pod nameOrID: String) -> PodRecord?
    /// Cleans up after earlier runs whose dockyard process died (their cgroups, veths, `--rm`
    /// containers), quietly, then runs `afterwards` (the image store's own sweep).
    func sweepAbandoned(in stores: [ContainerStore], andAfterwards afterwards: () -> Void)

    // MARK: Locks

    /// Locks the container whose directory is `directory` for as long as the returned object
    /// lives, waiting for another holder; nil if the directory is gone.
    func lockContainer(directory: String) -> AnyObject?
    /// Runs `body` holding the lock file at `path` (made with its directory if needed).
    func holdingLock<T>(at path: String, _ body: () throws -> T) throws -> T

    // MARK: Addresses and ports

    /// Leases a free address of `pool` to `container`.
    func leaseAddress(from pool: AddressPool, container: ContainerID, containerDirectory: String) throws -> CIDR
    /// Gives `address` back to the pool `pool()` finds; true if a lease was released.
    func releaseAddress(_ address: IPv4Address, container: ContainerID, to pool: () -> AddressPool?) -> Bool
    /// Throws if a process on the host already listens on `port`'s host port.
    func checkHostPortFree(_ port: PortMapping) throws

    // MARK: Reads

    /// A host file's text (e.g. /etc/resolv.conf); nil if it cannot be read.
    func readFile(_ path: String) -> String?
    /// The host's name (what `--network host` containers get).
    func hostname() -> String
    /// When process `pid` started, in clock ticks since boot (/proc/PID/stat field 22).
    func startTime(of pid: Int32) -> UInt64?

    // MARK: Files and streams the runtime makes

    /// Creates the named volumes `mounts` name, as `docker run` does, filling a new one with what
    /// the image has at its path (`fill`); an anonymous volume gets its generated name.
    func prepareVolumes(_ mounts: [VolumeMount], in volumes: VolumeStore, events: any EventSink,
                        fill: (_ imagePath: String, _ volumeDirectory: String) throws -> Void) throws -> [VolumeMount]
    /// `--init`: the root-owned, read-only copy of dockyard-init `built` the container binds (InitBinary).
    func installInit(from built: String, root: String) throws -> String
    /// Resolves `-v` and `--mount` sources, making named volumes and missing writable bind
    /// sources as Docker does.
    func planMounts(_ mounts: [VolumeMount], volumes: VolumeStore) throws -> [PlannedMount]
    /// `--userns remap`: checks the container's directory can be reached from the user
    /// namespace and makes the idmapped mounts' targets.
    func prepareUserNamespace(containerDirectory: String, idmappedTargets: [String]) throws
    /// An fd of /dev/null to be a container's standard input; nil where there is no process to feed.
    func openNullInput() -> Int32?
    /// Pipes dockyard relays for the streams in `requested` (LinuxKernel/StreamRelay); nil where
    /// no process runs to relay for.
    func streamRelay(_ requested: [Int32?]) throws -> StreamRelay?
    /// What a container changed in its writable layer, listed by `list`; nil where no layer exists.
    func writableLayerChanges(upperdir: String, lowerdirs: [String],
                              listedBy list: (String, [String]) -> [String]) -> [String]?
}

extension Kernel {
    /// The host this kernel belongs to: a kernel that only tells gets the host that keeps
    /// nothing. The one place the runtime asks `isSimulated` for more than marking events, for
    /// callers that hand the runtime a kernel (the builder, tests); the CLI picks its host itself.
    public var host: any Host {
        isSimulated ? SimulatedHost(kernel: self) : LiveHost(kernel: self)
    }
}
