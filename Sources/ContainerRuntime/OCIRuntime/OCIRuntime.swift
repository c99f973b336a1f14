import Explain
import FoundationEssentials
import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Dockyard as an OCI runtime (runtime-spec's runtime.md, with runc's command line): what
/// containerd and dockerd call to make a container from a bundle (`create`), let it run
/// (`start`), signal it, and remove it. The container is started through the same launch plan,
/// cgroup managers and filesystem steps as `dockyard run`; only the description comes from the
/// bundle's config.json instead of an image and flags. One directory per container under `root`.
public struct OCIRuntime {
    /// Where containers' state lives (`--root`; runc's default is /run/runc).
    public var root: String

    public init(root: String) {
        self.root = root
    }

    /// The environment variable that names a file to which `create` writes the kernel objects
    /// it makes, like `--explain` (containerd passes no flags; the annotation does the same).
    public static let explainVariable = "DOCKYARD_RUNTIME_EXPLAIN"
    public static let explainAnnotation = "org.dockyard.explain"

    func directory(_ id: String) -> String { root + "/" + id }
    func fifo(_ id: String) -> String { directory(id) + "/exec.fifo" }
    func stateFile(_ id: String) -> String { directory(id) + "/state.json" }

    // MARK: state

    func load(_ id: String) throws -> OCIContainerState {
        try Self.checkID(id)
        let bytes: [UInt8]
        do {
            let file = try FileDescriptor.open(stateFile(id), O_RDONLY | O_CLOEXEC)
            defer { file.close() }
            bytes = try file.readAll(path: stateFile(id))
        } catch {
            if error.errno == ENOENT { throw RuntimeError(code: .notFound, "container does not exist") }
            throw RuntimeError(code: .system, "\(error)")
        }
        guard let state = OCIContainerState(stateFile: bytes) else {
            throw RuntimeError(code: .system, "reading \(stateFile(id)): not a state this runtime wrote")
        }
        return state
    }

    func save(_ state: OCIContainerState) throws {
        do {
            try AtomicFile.replace(state.stateFileBytes(), at: stateFile(state.id), mode: 0o600, durable: false)
        } catch {
            throw RuntimeError(code: .system, "\(error)")
        }
    }

    /// v1's freezer may still say FREEZING while a busy container's tasks are being stopped:
    /// it was asked to pause, so it counts as paused (and can be resumed).
    /// The freezer is read only for a live process: a stopped container's status needs no cgroup file.
    func status(of state: OCIContainerState) -> String {
        state.status(fifo: fifo(state.id)) {
            // v1: the freezer hierarchy's directory; v2: the one directory's cgroup.freeze.
            if let freezer = state.cgroupPaths.first(where: { $0.split(separator: "/").contains("freezer") }) {
                let text = OCIContainerState.readSmallFile(freezer + "/freezer.state") ?? ""
                return text.hasPrefix("FROZEN") || text.hasPrefix("FREEZING")
            }
            return state.cgroupPaths.count == 1 && (OCIContainerState.readSmallFile(state.cgroupPaths[0] + "/cgroup.freeze")?.hasPrefix("1") ?? false)
        }
    }

    /// `state ID`: runtime.md's state JSON.
    public func state(_ id: String) throws -> String {
        let state = try load(id)
        return state.json(status: status(of: state))
    }

    /// runc's rule for ids: a name that is also a safe directory name.
    static func checkID(_ id: String) throws {
        let allowed = id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_+-.".unicodeScalars.contains($0)) }
        guard !id.isEmpty, allowed, id != ".", id != ".." else {
            throw RuntimeError(code: .invalidArgument, "invalid container id format: \(id)")
        }
    }

    // MARK: cgroups

    /// The cgroup a bundle asks for (`linux.cgroupsPath`, relative to each hierarchy's root),
    /// managed by the same v1 or v2 manager as `dockyard run`'s containers.
    /// `blockIO` and `network`: v1's blkio, net_cls and net_prio are joined only when asked for.
    static func cgroup(group: String, limits: ResourceLimits, blockIO: Bool = false, network: Bool = false) -> any CgroupManager {
        let trimmed = String(group.drop { $0 == "/" })
        switch CgroupHost.detect() {
        case let .unified(root), let .delegated(root, _): return CgroupV2Manager(root: root, group: trimmed)
        // Like runc, the OCI mode joins hugetlb too (`linux.resources.hugepageLimits`).
        case let .legacy(root), let .hybrid(root):
            return CgroupV1Manager(root: root, group: trimmed, cpuset: limits.usesCpuset, blkio: blockIO, hugetlb: true,
                                   netClassAndPriority: network)
        case let .unavailable(reason): return AbsentCgroup(reason: reason)
        }
    }

    /// The cgroup of a created container, from the group its state recorded.
    static func cgroup(of state: OCIContainerState) -> any CgroupManager {
        var limits = ResourceLimits()
        if state.cpuset { limits.cpusetCpus = "" }
        return cgroup(group: state.cgroupGroup, limits: limits, blockIO: state.blockIO, network: state.network)
    }
}
