import CLinux
import Explain
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    /// The namespaces `exec` joins, in the order the child enters them (mount last).
    static let joinedNamespaces: [Namespace] = [.ipc, .uts, .net, .cgroup, .mount]

    /// `exec`: a new process in the namespaces of the running container whose first process is
    /// `target`. It is born in the container's pid namespace, enters the others with setns(2),
    /// joins the container's cgroup (`beforeExec`), and becomes `launch`'s process. The joined
    /// namespaces are reported with the same inodes as the container's own.
    public func exec(into target: Int32, _ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let arena = CStringArena()
        let groups = launch.supplementaryGroups.map { gid_t($0) }
        var console = try ConsoleSocket(wanted: launch.terminal != nil)
        var child = dy_child()
        let result: Int32 = groups.withUnsafeBufferPointer { groupsBuffer in
            var spec = Self.processSpec(launch, arena: arena, groups: groupsBuffer, console: console)
            spec.user_namespace = launch.userNamespace == nil ? 0 : 1
            return dy_spawn_exec(target, &spec, &child)
        }
        guard result == 0 else {
            throw result == -ENOENT || result == -ESRCH
                ? LaunchError(stage: .vanished, errno: ESRCH) : LaunchError(stage: .clone, errno: -result)
        }
        let pid = child.pid
        defer { if child.error_fd >= 0 { close(child.error_fd) } }
        console.childHasItsCopy()

        events.emit(Event(.processCloned(pid: pid, flags: ["setns(CLONE_NEWPID)"])))
        for namespace in [Namespace.pid] + Self.joinedNamespaces {
            events.emit(Event(.namespaceJoined(kind: namespace.rawValue, inode: Self.namespaceInode(pid: target, namespace) ?? 0)))
        }
        try runOrKill(pid) { try beforeExec(pid) }
        _ = dy_release_container(&child, 1)
        var stage: Int32 = 0
        var error: Int32 = 0
        var value: UInt64 = 0
        if dy_read_report(&child, &stage, &error, &value) == 1 {
            _ = try? wait(pid: pid)
            let joining = Int(DY_STAGE_JOIN_NAMESPACE.rawValue) - Int(stage)
            if joining >= 0 && joining < Self.joinedNamespaces.count {
                throw LaunchError(stage: .joinNamespace(Self.joinedNamespaces[joining].rawValue), errno: error)
            }
            throw LaunchError(stage: Self.stage(Int(stage), in: launch), errno: error)
        }
        let terminal = try receiveTerminal(over: console, from: pid)
        for kind in launch.execEvents { events.emit(Event(kind)) }
        return LaunchedProcess(pid: pid, terminal: terminal)
    }
}
