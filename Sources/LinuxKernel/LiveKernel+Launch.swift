import CLinux
import Explain
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    /// Clones the container's first process and lets it run its launch plan to exec.
    ///
    /// The child does the plan's stages in order (`LaunchPlan`); at each wait the parent does its
    /// part — the user namespace's id maps, then the cgroup and the network (`beforeExec`) — and
    /// lets it go on. The child reports a failure as (stage index, errno) over a close-on-exec
    /// pipe; EOF means it exec'd. What it did is then told from the plan, up to where it got.
    public func launch(_ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess {
        let plan = LaunchPlan(container: launch)
        let cloneNamespaces = launch.namespaces.filter { $0 != .cgroup }
        var console = try ConsoleSocket(wanted: launch.terminal != nil, handingTo: launch.consoleSocket)
        let cgroupFD = try Self.openBirthCgroup(launch)
        defer { if let cgroupFD { close(cgroupFD) } }
        let joinedPid = launch.joinedNamespaces.first { $0.namespace == .pid }
        var child = dy_child()
        let result = spawn(launch, plan: plan, console: console, child: &child) { spec in
            spec.clone_flags = cloneNamespaces.reduce(0) { $0 | $1.cloneFlag }
            spec.cgroup_fd = cgroupFD ?? -1
        }
        guard result == 0 else { throw Self.spawnError(result) }
        let pid = child.pid
        defer { if child.error_fd >= 0 { close(child.error_fd) } }
        console.childHasItsCopy()

        // The events exist to be told: when nobody listens, neither their /proc reads nor their
        // text are made (a dozen stat calls, and the plan's events, on every start).
        let told = !(events is DiscardingSink)
        if told {
            events.emit(Event(.processCloned(pid: pid, flags: Self.cloneFlagNames(launch))))
            if let joinedPid { events.emit(Event(.namespaceJoined(kind: Namespace.pid.rawValue, inode: Self.inode(of: joinedPid.path)))) }
            for namespace in cloneNamespaces {
                reportNamespace(namespace, pid: pid)
            }
        }
        try release(&child, pid: pid, for: plan.parentWork) { work in
            switch work {
            case .mapIDs: if let mapping = launch.userNamespace { try mapUserNamespace(of: pid, mapping) }
            case .joinCgroupAndNetwork: try beforeExec(pid)
            }
        }

        var outcome = readReports(&child)
        var vanished = false
        if outcome.failure == nil, outcome.cgroupNamespace == nil,
           let cgroupStage = plan.stages.firstIndex(of: .enterCgroupNamespace) {
            // EOF without the namespace's report: the child died (e.g. killed by `rm -f`) before
            // it got there. What it did is told up to there; the error says it vanished.
            outcome.failure = (cgroupStage, ESRCH)
            vanished = true
        }
        let observed = NamespaceObservations(cgroupNamespace: outcome.cgroupNamespace ?? 0,
                                             hostInode: { Self.namespaceInode(pid: nil, $0) ?? 0 },
                                             joinedInode: Self.inode(of:))
        // Created (OCI `create`): told up to the wait for `start`; exec is `start`'s.
        let toldStages = outcome.created ? plan.stages.firstIndex { if case .waitForStart = $0 { true } else { false } }.map { $0 + 1 } : outcome.failure?.stage
        if told {
            for kind in plan.events(of: launch, through: toldStages, observed: observed) { events.emit(Event(kind)) }
        }
        if let failure = outcome.failure {
            _ = try? wait(pid: pid)
            throw LaunchError(stage: vanished ? .vanished : plan.failure(at: failure.stage, of: launch), errno: failure.errno)
        }
        let terminal = try receiveTerminal(over: console, from: pid)
        return LaunchedProcess(pid: pid, terminal: terminal)
    }

    /// Clones the child that runs `plan`: the C spec from `launch` and the plan's stages, with
    /// what differs between a container and an `exec` set by `adjust`. The pid namespace the
    /// launch joins, if any, is where the child is born. Returns 0 and fills `child`, or -errno.
    func spawn(_ launch: ContainerLaunch, plan: LaunchPlan, console: borrowing ConsoleSocket, child: inout dy_child,
               _ adjust: (inout dy_container_spec) -> Void) -> Int32 {
        let arena = CStringArena()
        let cSteps = plan.stages.map { arena.stage($0) }
        let groups = launch.supplementaryGroups.map { gid_t($0) }
        let pidNamespace = arena.optional(launch.joinedNamespaces.first { $0.namespace == .pid }?.path)
        return cSteps.withUnsafeBufferPointer { steps in
            groups.withUnsafeBufferPointer { groupsBuffer in
                var spec = Self.processSpec(launch, plan: plan, arena: arena, groups: groupsBuffer, console: console)
                spec.steps = steps.baseAddress
                spec.step_count = steps.count
                spec.pid_namespace = pidNamespace
                adjust(&spec)
                return dy_spawn_container(&spec, &child)
            }
        }
    }

    /// The cgroup v2 directory the child is born in (clone3's CLONE_INTO_CGROUP), opened; nil
    /// when the launch names none.
    static func openBirthCgroup(_ launch: ContainerLaunch) throws -> Int32? {
        try launch.cgroupDirectory.map { directory in
            let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw KernelError("open", path: directory, errno: errno) }
            return fd
        }
    }

    /// Why the clone failed: a namespace to join that is gone (its process exited meanwhile) is
    /// a process that vanished; anything else is the clone's own failure.
    static func spawnError(_ result: Int32) -> LaunchError {
        result == -ENOENT || result == -ESRCH ? LaunchError(stage: .vanished, errno: ESRCH) : LaunchError(stage: .clone, errno: -result)
    }

    /// The inode of the namespace file at `path` (/proc/PID/ns/KIND); 0 if it cannot be read.
    static func inode(of path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    /// Does the parent's part at each of the child's waits and lets it go on; the child's
    /// last wait also closes the go pipe. If the parent's part fails, the child is killed.
    func release(_ child: inout dy_child, pid: Int32, for waits: [LaunchPlan.ParentWork],
                 _ work: (LaunchPlan.ParentWork) throws -> Void) throws {
        for (index, each) in waits.enumerated() {
            try runOrKill(pid) { try work(each) }
            // If the child already failed, this write finds no reader; its report says why.
            _ = dy_release_container(&child, index == waits.count - 1 ? 1 : 0)
        }
    }

    /// What the child reported before it exec'd or died: its cgroup namespace's inode, if it
    /// made one, and the stage that failed (index, errno), if one did.
    struct ChildReports {
        var cgroupNamespace: UInt64?
        var failure: (stage: Int, errno: Int32)?
        /// The child waits for `start` (the OCI runtime's create): it has not exec'd.
        var created = false
    }

    func readReports(_ child: inout dy_child) -> ChildReports {
        var reports = ChildReports()
        var stage: Int32 = 0
        var error: Int32 = 0
        var value: UInt64 = 0
        while dy_read_report(&child, &stage, &error, &value) == 1 {
            if stage == DY_STAGE_CGROUP_READY.rawValue {
                reports.cgroupNamespace = value
                continue
            }
            if stage == DY_STAGE_CREATED.rawValue {
                reports.created = true
                break
            }
            reports.failure = (Int(stage), error)
            break
        }
        return reports
    }

    /// Whether this process's user namespace denies setgroups(2): /proc/self/setgroups says
    /// "deny". Read once; a process's user namespace does not change after main.
    static let setgroupsDenied: Bool =
        FileManager.default.contents(atPath: "/proc/self/setgroups").map { String(decoding: $0, as: UTF8.self).hasPrefix("deny") } ?? false

    /// The fields a new container's first process and an `exec`'d one share: identity, argv,
    /// environment, working directory, standard streams and terminal.
    static func processSpec(_ launch: ContainerLaunch, plan: LaunchPlan, arena: CStringArena, groups: UnsafeBufferPointer<gid_t>,
                            console: borrowing ConsoleSocket) -> dy_container_spec {
        var spec = dy_container_spec()
        spec.uid = launch.uid
        spec.gid = launch.gid
        spec.groups = groups.baseAddress
        // Where this process's user namespace denies setgroups(2) (rootless with the user's own id
        // alone: its gid map was written without newgidmap), the child keeps the groups it has.
        spec.group_count = Self.setgroupsDenied ? Int(bitPattern: UInt.max) : groups.count
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
            spec.capabilities = Capability.mask(kept)
        }
        if let sets = launch.security.sets {
            spec.explicit_sets = 1
            spec.effective = Capability.mask(sets.effective)
            spec.permitted = Capability.mask(sets.permitted)
            spec.inheritable = Capability.mask(sets.inheritable)
            spec.ambient = Capability.mask(sets.ambient)
        }
        if let program = plan.seccompFilter?.program {
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

    /// The same for an `exec`'d process, which is born in the container's pid namespace.
    static func execFlagNames(_ launch: ContainerLaunch) -> [String] {
        ["setns(CLONE_NEWPID)"] + (launch.cgroupDirectory.map { ["CLONE_INTO_CGROUP(\($0))"] } ?? [])
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
        case let .setSysctl(key, value):   // the key as other sysctl events name it: its path under /proc/sys
            .sysctlWritten(key: String(SetupStep.sysctlPath(key).dropFirst("/proc/sys/".count)), value: value)
        case .inRoot:
            hostView.event
        }
    }
}
