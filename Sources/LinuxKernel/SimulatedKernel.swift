import Explain
import Synchronization

/// A kernel that only tells: it reports the same events the live kernel would, with made-up
/// pids and namespace inodes marked as simulated, and creates nothing. The container's command
/// is not executed. Needs no root and works off Linux, so lessons still teach there.
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

    public func forwardSignals(to pid: Int32?) {}

    public func launch(_ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let pid = state.withLock { state -> Int32 in
            defer { state.nextPid += 1 }
            return state.nextPid
        }
        let cloned = launch.namespaces.filter { $0 != .cgroup }
        emit(.processCloned(pid: pid, flags: LiveKernel.cloneFlagNames(launch)))
        for namespace in cloned { reportNamespace(namespace) }
        if let mapping = launch.userNamespace {
            for file in UserNamespaceMapping.mapFiles(of: pid) { emit(.fileWritten(path: file, purpose: mapping.meaning)) }
            mapping.mountEvents.forEach(emit)
        }
        try beforeExec(pid)
        for step in launch.steps { if let event = step.event { emit(event) } }
        if let rootfs = launch.rootfs { emit(.pivotRoot(newRoot: rootfs)) }
        if let hostname = launch.hostname { emit(.hostnameSet(hostname)) }
        if launch.loopbackUp { emit(.interfaceUp(name: "lo", namespace: "container's")) }
        if launch.namespaces.contains(.cgroup) { reportNamespace(.cgroup) }
        launch.execEvents.forEach(emit)
        emit(.note("simulation: the command was not executed"))
        return LaunchedProcess(pid: pid)
    }

    public func exec(into target: Int32, _ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let pid = state.withLock { state -> Int32 in
            defer { state.nextPid += 1 }
            return state.nextPid
        }
        emit(.processCloned(pid: pid, flags: ["setns(CLONE_NEWPID)"]))
        for namespace in [Namespace.pid, .ipc, .uts, .net, .cgroup, .mount] {
            emit(.namespaceJoined(kind: namespace.rawValue, inode: Self.hostInodes[namespace] ?? 0))
        }
        try beforeExec(pid)
        launch.execEvents.forEach(emit)
        emit(.note("simulation: the command was not executed"))
        return LaunchedProcess(pid: pid)
    }

    private func reportNamespace(_ namespace: Namespace) {
        let inode = state.withLock { state -> UInt64 in
            defer { state.nextInode += 1 }
            return state.nextInode
        }
        emit(.namespace(kind: namespace.rawValue, containerInode: inode,
                        hostInode: Self.hostInodes[namespace] ?? 4_026_531_837))
    }

    public func wait(pid: Int32) throws -> ExitStatus {
        ExitStatus(code: 0)
    }

    public func signal(pid: Int32, _ signal: Int32) throws {
        emit(.signalled(pid: pid, signal: signal))
    }
}
