import CLinux
import Explain
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    /// `exec`: a new process in the namespaces of the running container whose first process is
    /// `target`. It is born in the container's pid namespace, joins the container's cgroup while
    /// it waits (`beforeExec`), then runs its plan (`LaunchPlan(exec:)`): setns(2) into the other
    /// namespaces and the process's own stages. The joined namespaces are reported with the same
    /// inodes as the container's own.
    public func exec(into target: Int32, _ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let plan = LaunchPlan(exec: launch)
        let arena = CStringArena()
        let cSteps = plan.stages.map { arena.stage($0) }
        let groups = launch.supplementaryGroups.map { gid_t($0) }
        var console = try ConsoleSocket(wanted: launch.terminal != nil)
        var child = dy_child()
        let result: Int32 = cSteps.withUnsafeBufferPointer { steps in
            groups.withUnsafeBufferPointer { groupsBuffer in
                var spec = Self.processSpec(launch, plan: plan, arena: arena, groups: groupsBuffer, console: console)
                spec.steps = steps.baseAddress
                spec.step_count = steps.count
                return dy_spawn_exec(target, &spec, &child)
            }
        }
        guard result == 0 else {
            throw result == -ENOENT || result == -ESRCH
                ? LaunchError(stage: .vanished, errno: ESRCH) : LaunchError(stage: .clone, errno: -result)
        }
        let pid = child.pid
        defer { if child.error_fd >= 0 { close(child.error_fd) } }
        console.childHasItsCopy()

        events.emit(Event(.processCloned(pid: pid, flags: ["setns(CLONE_NEWPID)"])))
        events.emit(Event(.namespaceJoined(kind: Namespace.pid.rawValue, inode: Self.namespaceInode(pid: target, .pid) ?? 0)))
        try release(&child, pid: pid, for: plan.parentWork) { _ in try beforeExec(pid) }

        let outcome = readReports(&child)
        let observed = NamespaceObservations(cgroupNamespace: 0, hostInode: { Self.namespaceInode(pid: nil, $0) ?? 0 },
                                             joinedInode: { Self.namespaceInode(pid: target, $0) ?? 0 })
        for kind in plan.events(of: launch, through: outcome.failure?.stage, observed: observed) { events.emit(Event(kind)) }
        if let failure = outcome.failure {
            _ = try? wait(pid: pid)
            throw LaunchError(stage: plan.failure(at: failure.stage, of: launch), errno: failure.errno)
        }
        let terminal = try receiveTerminal(over: console, from: pid)
        return LaunchedProcess(pid: pid, terminal: terminal)
    }
}
