import Explain
import Synchronization

/// A kernel that only tells: it reports the same events the live kernel would — a launch is told
/// from the same `LaunchPlan` — with made-up pids and namespace inodes marked as simulated, and
/// creates nothing. The container's command is not executed. Needs no root, so lessons still
/// teach without it (on Linux: the package builds there only).
public final class SimulatedKernel: Kernel {
    public let events: any EventSink
    public var isSimulated: Bool { true }

    private struct State {
        var nextPid: Int32 = 4242
        var nextInode: UInt64 = 4_026_532_300
        var files: [String: String] = [:]
    }
    private let state = Mutex(State())

    /// The inodes the host's namespaces have in the simulation (the usual values on a fresh boot).
    static let hostInodes: [Namespace: UInt64] = [
        .mount: 4_026_531_841, .pid: 4_026_531_836, .uts: 4_026_531_838,
        .ipc: 4_026_531_839, .net: 4_026_531_840, .cgroup: 4_026_531_835,
    ]

    public init(events: any EventSink) {
        self.events = events
    }

    private func emit(_ kind: Event.Kind) {
        events.emit(Event(kind, simulated: true))
    }

    public func createCgroup(_ path: String, version: Int, controller: String?) throws {
        emit(.cgroupCreated(path: path, version: version, controller: controller))
    }

    public func writeCgroupFile(_ path: String, _ value: String) throws {
        state.withLock { $0.files[path] = value }
        emit(.cgroupWritten(path: path, value: value))
    }

    public func readCgroupFile(_ path: String) -> String? {
        state.withLock { $0.files[path] }
    }

    public func removeCgroup(_ path: String) throws {
        emit(.cgroupRemoved(path: path))
    }

    public func attachDeviceFilter(_ filter: DeviceFilter, to path: String) throws {
        emit(.deviceFilterAttached(cgroup: path, instructions: filter.program.count, rules: filter.rules.map(\.line)))
    }

    public func removeCgroupIfUnused(_ path: String) {
        emit(.cgroupRemoved(path: path))
    }

    public func writeFile(_ path: String, contents: String, purpose: String) throws {
        emit(.fileWritten(path: path, purpose: purpose))
    }

    public func createWritableLayer(upperdir: String, workdir: String, mountPoint: String) throws {
        emit(.writableLayerCreated(upperdir: upperdir, workdir: workdir))
    }

    public func removeTree(_ path: String, what: String) throws {
        emit(.removed(path: path, what: what))
    }

    /// Nothing runs in the background of a simulation: the caller removes (tells) it all itself.
    public func removeInBackground(cgroups: [String], unusedParents: [String], tree: String, lock: Int32, atExit: Bool) -> Bool {
        false
    }

    public func mountSharedMemory(_ mount: Mount) throws {
        emit(.mounted(type: mount.type, source: mount.source, target: mount.target, options: mount.options))
    }

    public func unmountSharedMemory(at path: String) {}

    public func forwardSignals(to pid: Int32?) {}

    public func launch(_ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let plan = LaunchPlan(container: launch)
        let pid = nextPid()
        emit(.processCloned(pid: pid, flags: LiveKernel.cloneFlagNames(launch)))
        if launch.joinedNamespaces.contains(where: { $0.namespace == .pid }) {
            emit(.namespaceJoined(kind: Namespace.pid.rawValue, inode: Self.joinedInode))
        }
        for namespace in launch.namespaces where namespace != .cgroup { reportNamespace(namespace) }
        for work in plan.parentWork {
            switch work {
            case .mapIDs:
                guard let mapping = launch.userNamespace else { continue }
                for file in UserNamespaceMapping.mapFiles(of: pid) { emit(.fileWritten(path: file, purpose: mapping.meaning)) }
                mapping.mountEvents.forEach(emit)
            case .joinCgroupAndNetwork:
                try beforeExec(pid)
            }
        }
        tell(plan, of: launch, cgroupNamespace: nextInode())
        return LaunchedProcess(pid: pid)
    }

    public func exec(into target: Int32, _ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let plan = LaunchPlan(exec: launch, target: target)
        let pid = nextPid()
        emit(.processCloned(pid: pid, flags: LiveKernel.execFlagNames(launch)))
        emit(.namespaceJoined(kind: Namespace.pid.rawValue, inode: Self.hostInodes[.pid] ?? 0))
        for _ in plan.parentWork { try beforeExec(pid) }
        tell(plan, of: launch, cgroupNamespace: 0)
        return LaunchedProcess(pid: pid)
    }

    /// Every stage of the plan, told as the live kernel tells a launch that reached exec.
    private func tell(_ plan: LaunchPlan, of launch: ContainerLaunch, cgroupNamespace: UInt64) {
        let observed = NamespaceObservations(cgroupNamespace: cgroupNamespace,
                                             hostInode: { Self.hostInodes[$0] ?? 4_026_531_837 },
                                             joinedInode: { _ in Self.joinedInode })
        plan.events(of: launch, observed: observed).forEach(emit)
        emit(.note("simulation: the command was not executed"))
    }

    /// The made-up inode of every namespace a simulated process joins (another container's).
    static let joinedInode: UInt64 = 4_026_532_500

    private func nextPid() -> Int32 {
        state.withLock { state -> Int32 in
            defer { state.nextPid += 1 }
            return state.nextPid
        }
    }

    private func nextInode() -> UInt64 {
        state.withLock { state -> UInt64 in
            defer { state.nextInode += 1 }
            return state.nextInode
        }
    }

    private func reportNamespace(_ namespace: Namespace) {
        emit(.namespace(kind: namespace.rawValue, containerInode: nextInode(),
                        hostInode: Self.hostInodes[namespace] ?? 4_026_531_837))
    }

    public func wait(pid: Int32) throws -> ExitStatus {
        ExitStatus(code: 0)
    }

    public func signal(pid: Int32, _ signal: Int32) throws {
        emit(.signalled(pid: pid, signal: signal))
    }
}
