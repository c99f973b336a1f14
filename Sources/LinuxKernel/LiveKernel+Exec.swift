import CLinux
import Explain
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    /// `exec`: a new process in the namespaces of the running container whose first process is
    /// `target`. It is born in the container's pid namespace (and, on cgroup v2, in its cgroup);
    /// on v1 it writes itself into the cgroup, or the parent moves it while it waits
    /// (`beforeExec`); then it runs its plan (`LaunchPlan(exec:)`): setns(2) into the other
    /// namespaces and the process's own stages. The joined namespaces are reported with the same
    /// inodes as the container's own.
    public func exec(into target: Int32, _ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        var launch = launch
        launch.joinedNamespaces = [JoinedNamespace(.pid, of: target)]   // born there; the rest are the plan's stages
        let plan = LaunchPlan(exec: launch, target: target)
        var console = try ConsoleSocket(wanted: launch.terminal != nil, handingTo: launch.consoleSocket)
        let cgroupFD = try Self.openBirthCgroup(launch)
        defer { if let cgroupFD { close(cgroupFD) } }
        var child = dy_child()
        let result = spawn(launch, plan: plan, console: console, child: &child) { spec in spec.cgroup_fd = cgroupFD ?? -1 }
        guard result == 0 else { throw Self.spawnError(result) }
        let pid = child.pid
        defer { if child.error_fd >= 0 { close(child.error_fd) } }
        console.childHasItsCopy()

        events.emit(Event(.processCloned(pid: pid, flags: Self.execFlagNames(launch))))
        events.emit(Event(.namespaceJoined(kind: Namespace.pid.rawValue, inode: Self.namespaceInode(pid: target, .pid) ?? 0)))
        try release(&child, pid: pid, for: plan.parentWork) { _ in try beforeExec(pid) }

        let outcome = readReports(&child)
        let observed = NamespaceObservations(cgroupNamespace: 0, hostInode: { Self.namespaceInode(pid: nil, $0) ?? 0 },
                                             joinedInode: Self.inode(of:))
        for kind in plan.events(of: launch, through: outcome.failure?.stage, observed: observed) { events.emit(Event(kind)) }
        if let failure = outcome.failure {
            _ = try? wait(pid: pid)
            throw LaunchError(stage: plan.failure(at: failure.stage, of: launch), errno: failure.errno)
        }
        let terminal = try receiveTerminal(over: console, from: pid)
        return LaunchedProcess(pid: pid, terminal: terminal)
    }
}
