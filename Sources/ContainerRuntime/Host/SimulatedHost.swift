import Explain
import LinuxKernel

/// The host `--simulate` runs on: its kernel only tells, and nothing else is kept or made —
/// records are not saved (a simulated run leaves no container behind), locks lock nothing,
/// every container gets the network's first container address, and no process exists whose
/// streams need relaying. Host files (/etc/resolv.conf, /etc/hosts, the hostname) are read as
/// the live host reads them, so a simulated container's files look like a real one's.
public struct SimulatedHost: Host {
    public let kernel: any Kernel

    public init(kernel: any Kernel) {
        self.kernel = kernel
    }

    /// A host over a new `SimulatedKernel` reporting to `events`.
    public init(events: any EventSink) {
        self.kernel = SimulatedKernel(events: events)
    }

    /// Stands for a lock: a simulated container has no other process to exclude.
    final class NoLock {}

    public func save(_ record: ContainerRecord, in store: ContainerStore) throws {}

    public func records(in store: ContainerStore) -> [ContainerRecord] { [] }

    public func summaries(in store: ContainerStore) -> [ContainerSummary] { [] }

    public func latestRecord(_ id: ContainerID, in store: ContainerStore) -> ContainerRecord? { nil }

    public func journal(_ event: EngineEvent, in store: ContainerStore) {}

    public func save(_ definition: NetworkDefinition, in networks: NetworkStore) throws {}

    public func sweepAbandoned(in stores: [ContainerStore], andAfterwards afterwards: () -> Void) {}

    public func lockContainer(directory: String) -> AnyObject? { NoLock() }

    public func holdingLock<T>(at path: String, _ body: () throws -> T) throws -> T { try body() }

    public func leaseAddress(from pool: AddressPool, container: ContainerID, containerDirectory: String) throws -> CIDR {
        // .1 is the gateway: the first address a real pool would lease on a fresh network.
        CIDR(address: pool.subnet.host(2), prefix: pool.subnet.prefix)
    }

    public func releaseAddress(_ address: IPv4Address, container: ContainerID, to pool: () -> AddressPool?) -> Bool { true }

    public func checkHostPortFree(_ port: PortMapping) throws {}

    public func readFile(_ path: String) -> String? {
        LiveHost(kernel: kernel).readFile(path)
    }

    public func hostname() -> String {
        LiveHost(kernel: kernel).hostname()
    }

    public func startTime(of pid: Int32) -> UInt64? {
        // A plausible value: about ten minutes after boot at 100 ticks a second.
        60_000
    }

    /// No volume is made: the mounts stay as given.
    public func prepareVolumes(_ mounts: [VolumeMount], in volumes: VolumeStore, events: any EventSink,
                               fill: (String, String) throws -> Void) throws -> [VolumeMount] { mounts }

    /// Nothing is copied: the container would bind the built binary's copy.
    public func installInit(from built: String, root: String) throws -> String { built }

    public func planMounts(_ mounts: [VolumeMount], volumes: VolumeStore) throws -> [PlannedMount] {
        try PlannedMount.plan(mounts, volumes: volumes, create: false)
    }

    public func prepareUserNamespace(containerDirectory: String, idmappedTargets: [String]) throws {}

    public func openNullInput() -> Int32? { nil }

    public func streamRelay(_ requested: [Int32?]) throws -> StreamRelay? { nil }

    public func writableLayerChanges(upperdir: String, lowerdirs: [String],
                                     listedBy list: (String, [String]) -> [String]) -> [String]? { nil }
}
