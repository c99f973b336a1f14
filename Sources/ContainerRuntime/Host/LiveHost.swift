import Explain
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The real machine: records are JSON files under the storage root, locks are flock(2)s,
/// leases live in the address pool files, and reads go to /proc and /etc.
public struct LiveHost: Host {
    public let kernel: any Kernel

    public init(kernel: any Kernel) {
        self.kernel = kernel
    }

    public func save(_ record: ContainerRecord, in store: ContainerStore) throws {
        try store.save(record)
    }

    public func records(in store: ContainerStore) -> [ContainerRecord] {
        store.all()
    }

    public func summaries(in store: ContainerStore) -> [ContainerSummary] {
        store.summaries()
    }

    public func latestRecord(_ id: ContainerID, in store: ContainerStore) -> ContainerRecord? {
        try? store.load(id)
    }

    public func standIn(container nameOrID: String) -> ContainerRecord? { nil }

    public func standIn(pod nameOrID: String) -> PodRecord? { nil }

    public func journal(_ event: EngineEvent, in store: ContainerStore) {
        EventJournal(root: store.root).append(event)
    }

    public func save(_ definition: NetworkDefinition, in networks: NetworkStore) throws {
        try networks.save(definition)
    }

    public func sweepAbandoned(in stores: [ContainerStore], andAfterwards afterwards: () -> Void) {
        let quietKernel = LiveKernel(events: DiscardingSink())
        for store in stores { ContainerJanitor(store: store, kernel: quietKernel).sweep() }
        afterwards()
    }

    public func lockContainer(directory: String) -> AnyObject? {
        ContainerLock(directory: directory, wait: true)
    }

    public func holdingLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        if let slash = path.lastIndex(of: "/") {
            try FileManager.default.createDirectory(atPath: String(path[..<slash]), withIntermediateDirectories: true)
        }
        return try ExclusiveLockFile.holding(at: path, body)
    }

    public func leaseAddress(from pool: AddressPool, container: ContainerID, containerDirectory: String) throws -> CIDR {
        try pool.lease(container: container.full, containerDirectory: containerDirectory)
    }

    public func releaseAddress(_ address: IPv4Address, container: ContainerID, to pool: () -> AddressPool?) -> Bool {
        guard let pool = pool() else { return false }
        return (try? pool.release(address, container: container.full)) == true
    }

    public func checkHostPortFree(_ port: PortMapping) throws {
        try HostPorts.check(port)
    }

    public func readFile(_ path: String) -> String? {
        ContainerRunnerFiles.read(path)
    }

    public func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func startTime(of pid: Int32) -> UInt64? {
        readFile("/proc/\(pid)/stat").flatMap(ProcessStat.startTime(in:))
    }

    public func prepareVolumes(_ mounts: [VolumeMount], in volumes: VolumeStore, events: any EventSink,
                               fill: (String, String) throws -> Void) throws -> [VolumeMount] {
        try volumes.prepare(mounts, events: events, fill: fill)
    }

    public func installInit(from built: String, root: String) throws -> String {
        try InitBinary.installed(from: built, root: root)
    }

    public func planMounts(_ mounts: [VolumeMount], volumes: VolumeStore) throws -> [PlannedMount] {
        try PlannedMount.plan(mounts, volumes: volumes, create: true)
    }

    public func prepareUserNamespace(containerDirectory: String, idmappedTargets: [String]) throws {
        try UserNamespaceLayout.checkSearchable(above: containerDirectory)
        for target in idmappedTargets {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        }
    }

    public func openNullInput() -> Int32? {
        open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    public func streamRelay(_ requested: [Int32?]) throws -> StreamRelay? {
        try StreamRelay(requested: requested)
    }

    public func writableLayerChanges(upperdir: String, lowerdirs: [String],
                                     listedBy list: (String, [String]) -> [String]) -> [String]? {
        list(upperdir, lowerdirs)
    }
}
