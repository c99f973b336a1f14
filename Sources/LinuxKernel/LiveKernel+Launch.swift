import CLinux
import Explain
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    /// Clones the container's first process and walks it through its setup plan to exec.
    ///
    /// The order is the kernel's: clone with new namespaces -> the child mounts and pivots while
    /// the runtime puts it in its cgroup (`beforeExec`) -> the child unshares its cgroup
    /// namespace and execs.
    /// The child reports each failure as (stage, errno) over a close-on-exec pipe; EOF means exec.
    public func launch(_ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let arena = CStringArena()
        let cSteps = launch.steps.map { arena.step($0) }
        let groups = launch.supplementaryGroups.map { gid_t($0) }
        let cloneNamespaces = launch.namespaces.filter { $0 != .cgroup }
        let unshareCgroup = launch.namespaces.contains(.cgroup)

        var console = try ConsoleSocket(wanted: launch.terminal != nil)
        let cgroupFD = try launch.cgroupDirectory.map { directory in
            let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw KernelError("open", path: directory, errno: errno) }
            return fd
        }
        defer { if let cgroupFD { close(cgroupFD) } }
        var child = dy_child()
        let result: Int32 = cSteps.withUnsafeBufferPointer { steps in
            groups.withUnsafeBufferPointer { groupsBuffer in
                var spec = Self.processSpec(launch, arena: arena, groups: groupsBuffer, console: console)
                spec.clone_flags = cloneNamespaces.reduce(0) { $0 | $1.cloneFlag }
                spec.cgroup_fd = cgroupFD ?? -1
                spec.user_namespace = launch.userNamespace == nil ? 0 : 1
                spec.unshare_cgroup = unshareCgroup ? 1 : 0
                spec.steps = steps.baseAddress
                spec.step_count = steps.count
                spec.rootfs = arena.optional(launch.rootfs)
                spec.hostname = arena.optional(launch.hostname)
                spec.loopback_up = launch.loopbackUp ? 1 : 0
                return dy_spawn_container(&spec, &child)
            }
        }
        guard result == 0 else { throw LaunchError(stage: .clone, errno: -result) }
        let pid = child.pid
        defer { if child.error_fd >= 0 { close(child.error_fd) } }
        console.childHasItsCopy()

        events.emit(Event(.processCloned(pid: pid, flags: Self.cloneFlagNames(launch))))
        for namespace in cloneNamespaces {
            reportNamespace(namespace, pid: pid)
        }

        if let mapping = launch.userNamespace {
            try runOrKill(pid) { try mapUserNamespace(of: pid, mapping) }
        }

        // Let the child build its filesystem while we move it into its cgroup (`beforeExec`);
        // the second release lets it exec.
        guard dy_release_container(&child, 0) == 0 else {
            _ = try? wait(pid: pid)
            throw LaunchError(stage: .vanished, errno: ESRCH)
        }
        try runOrKill(pid) { try beforeExec(pid) }
        // If the child already failed, this write finds no reader; its report says why.
        _ = dy_release_container(&child, 1)

        var stage: Int32 = 0
        var error: Int32 = 0
        var value: UInt64 = 0
        var cgroupNamespaceReported = false
        while dy_read_report(&child, &stage, &error, &value) == 1 {
            if stage == DY_STAGE_CGROUP_READY.rawValue {
                // The child sent its new namespace's inode: it may be gone before we could read it.
                reportSteps(launch, through: nil)
                events.emit(Event(.namespace(kind: Namespace.cgroup.rawValue, containerInode: value,
                                             hostInode: Self.namespaceInode(pid: nil, .cgroup) ?? 0)))
                cgroupNamespaceReported = true
                continue
            }
            if !cgroupNamespaceReported { reportSteps(launch, through: Int(stage)) }
            _ = try? wait(pid: pid)
            throw LaunchError(stage: Self.stage(Int(stage), in: launch), errno: error)
        }
        if !cgroupNamespaceReported { reportSteps(launch, through: nil) }
        if launch.namespaces.contains(.cgroup) && !cgroupNamespaceReported {
            // EOF without the ready report: the child died (e.g. killed) before it got there.
            _ = try? wait(pid: pid)
            throw LaunchError(stage: .vanished, errno: ESRCH)
        }
        let terminal = try receiveTerminal(over: console, from: pid)
        for kind in launch.execEvents { events.emit(Event(kind)) }
        return LaunchedProcess(pid: pid, terminal: terminal)
    }

    /// The fields a new container's first process and an `exec`'d one share: identity, argv,
    /// environment, working directory, standard streams and terminal.
    static func processSpec(_ launch: ContainerLaunch, arena: CStringArena, groups: UnsafeBufferPointer<gid_t>,
                            console: borrowing ConsoleSocket) -> dy_container_spec {
        var spec = dy_container_spec()
        spec.cwd = arena.optional(launch.workingDirectory)
        spec.uid = launch.uid
        spec.gid = launch.gid
        spec.groups = groups.baseAddress
        spec.group_count = groups.count
        spec.argv = arena.array(launch.argv)
        spec.envp = arena.array(launch.environment)
        spec.search_path = arena.optional(launch.searchPath)
        spec.stdio = (launch.stdio[0] ?? -1, launch.stdio[1] ?? -1, launch.stdio[2] ?? -1)
        spec.console_socket = console.childEnd
        spec.rows = launch.terminal?.rows ?? 0
        spec.columns = launch.terminal?.columns ?? 0
        spec.die_with_parent = launch.dieWithParent ? 1 : 0
        spec.cgroup_fd = -1
        if let kept = launch.security.capabilities {
            spec.limit_capabilities = 1
            spec.capabilities = Capability.mask(kept)
        }
        spec.no_new_privileges = launch.security.noNewPrivileges ? 1 : 0
        if let program = launch.security.seccompFilter()?.program {
            // A longer program than the kernel takes fails in the child with EINVAL, by name.
            spec.seccomp_filter = arena.program(program)
            spec.seccomp_length = UInt16(clamping: program.count)
        }
        return spec
    }

    /// The clone flags as `--explain` names them; being born in a cgroup shows which one.
    static func cloneFlagNames(_ launch: ContainerLaunch) -> [String] {
        launch.namespaces.filter { $0 != .cgroup }.map(\.cloneFlagName)
            + (launch.cgroupDirectory.map { ["CLONE_INTO_CGROUP(\($0))"] } ?? [])
    }

    /// Runs the parent's part while the child waits; if it fails, the child is killed and
    /// reaped, so no half-started container is left behind.
    func runOrKill(_ pid: Int32, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            kill(pid, SIGKILL)
            _ = try? wait(pid: pid)
            throw error
        }
    }

    /// The primary side of the terminal the child made (with -t), or nil without one.
    func receiveTerminal(over console: borrowing ConsoleSocket, from pid: Int32) throws -> Int32? {
        guard console.parentEnd >= 0 else { return nil }
        let received = dy_receive_fd(console.parentEnd)
        guard received >= 0 else {
            kill(pid, SIGKILL)
            _ = try? wait(pid: pid)
            throw LaunchError(stage: .terminal, errno: -received)
        }
        return received
    }

    private func reportNamespace(_ namespace: Namespace, pid: Int32) {
        let inside = Self.namespaceInode(pid: pid, namespace) ?? 0
        let host = Self.namespaceInode(pid: nil, namespace) ?? 0
        events.emit(Event(.namespace(kind: namespace.rawValue, containerInode: inside, hostInode: host)))
    }

    /// Reports what the child completed before `failedStage` (its report), or all of its
    /// filesystem work when `failedStage` is nil, in the order the child does it.
    private func reportSteps(_ launch: ContainerLaunch, through failedStage: Int?) {
        let n = launch.steps.count
        let reached = failedStage.map { Self.position(ofStage: $0, stepCount: n) } ?? Int.max
        for step in launch.steps.prefix(max(0, min(n, reached - 2))) {
            if let event = step.event { events.emit(Event(event)) }
        }
        if reached > 2 + n, let rootfs = launch.rootfs { events.emit(Event(.pivotRoot(newRoot: rootfs))) }
        if reached > 3 + n, let hostname = launch.hostname { events.emit(Event(.hostnameSet(hostname))) }
        if reached > 4 + n, launch.loopbackUp {
            events.emit(Event(.interfaceUp(name: "lo", namespace: "container's")))
        }
    }

    /// Where a child's stage falls in its sequence: wait, private mounts, steps 0..<n,
    /// pivot_root, hostname, loopback, wait for the cgroup, cgroup namespace, terminal or
    /// stdio, seccomp, bounding set, identity, capabilities, no_new_privs, cwd, exec.
    static func position(ofStage raw: Int, stepCount n: Int) -> Int {
        if raw >= 0 { return 2 + raw }
        switch Int32(raw) {
        case DY_STAGE_WAIT.rawValue: return 0
        case DY_STAGE_PRIVATE_ROOT.rawValue: return 1
        case DY_STAGE_PIVOT_ROOT.rawValue: return 2 + n
        case DY_STAGE_HOSTNAME.rawValue: return 3 + n
        case DY_STAGE_LOOPBACK.rawValue: return 4 + n
        case DY_STAGE_WAIT_CGROUP.rawValue: return 5 + n
        case DY_STAGE_UNSHARE_CGROUP.rawValue: return 6 + n
        case DY_STAGE_TERMINAL.rawValue, DY_STAGE_STDIO.rawValue: return 7 + n
        case DY_STAGE_SECCOMP.rawValue: return 8 + n
        case DY_STAGE_BOUNDING_SET.rawValue: return 9 + n
        case DY_STAGE_IDENTITY.rawValue: return 10 + n
        case DY_STAGE_CAPABILITIES.rawValue: return 11 + n
        case DY_STAGE_NO_NEW_PRIVS.rawValue: return 12 + n
        case DY_STAGE_CWD.rawValue: return 13 + n
        default: return 14 + n
        }
    }

    static func stage(_ raw: Int, in launch: ContainerLaunch) -> LaunchError.Stage {
        if raw >= 0 && raw < launch.steps.count { return .step(launch.steps[raw]) }
        switch Int32(raw) {
        case DY_STAGE_UNSHARE_CGROUP.rawValue: return .cgroupNamespace
        case DY_STAGE_PRIVATE_ROOT.rawValue: return .privateMounts
        case DY_STAGE_PIVOT_ROOT.rawValue: return .pivotRoot
        case DY_STAGE_HOSTNAME.rawValue: return .hostname
        case DY_STAGE_LOOPBACK.rawValue: return .loopback
        case DY_STAGE_IDENTITY.rawValue: return .identity
        case DY_STAGE_SECCOMP.rawValue: return .seccomp
        case DY_STAGE_BOUNDING_SET.rawValue: return .boundingSet
        case DY_STAGE_CAPABILITIES.rawValue: return .capabilities
        case DY_STAGE_NO_NEW_PRIVS.rawValue: return .noNewPrivileges
        case DY_STAGE_USER_ROOT.rawValue: return .identity
        case DY_STAGE_CWD.rawValue: return .workingDirectory
        case DY_STAGE_TERMINAL.rawValue: return .terminal
        case DY_STAGE_STDIO.rawValue: return .stdio
        case DY_STAGE_EXEC.rawValue: return .exec(command: launch.argv.first ?? "")
        default: return .vanished
        }
    }
}

extension SetupStep {
    /// The event this step reports once it has happened. Making a mount point (a directory or
    /// an empty file) is preparation, not a kernel object of its own, so it reports nothing.
    var event: Event.Kind? {
        switch self {
        case let .mount(m):
            .mounted(type: m.type, source: m.source, target: m.target, options: m.options)
        case .makeDirectory, .touch:
            nil
        case let .makeDevice(path, major, minor, _):
            .deviceCreated(path: path, major: major, minor: minor)
        case let .symlink(path, target):
            .symlinkCreated(path: path, target: target)
        case let .remount(target, flags):
            .mounted(type: "remount", source: "", target: target, options: flags.names)
        case .inRoot:
            hostView.event
        }
    }
}
