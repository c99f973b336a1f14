import Explain
import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Runs one container from start to finish, the way `docker run` does, through a `Kernel`:
/// record it, make its writable layer and cgroup, clone its first process into new namespaces,
/// wait for it, and tear down what it owned. Over `SimulatedHost` the same steps are told,
/// nothing is created, and no record is kept.
public struct ContainerRunner: Sendable {
    public let store: ContainerStore
    /// Where records, locks, leases and host reads go (`LiveHost`, or `SimulatedHost`).
    public let host: any Host
    public var kernel: any Kernel { host.kernel }
    public let cgroups: CgroupHost
    /// Lists what a container changed in its writable layer (upperdir, image lowerdirs) as
    /// `docker diff` lines; when set, each run reports its changes at exit, whiteouts included.
    /// (Reading layers is the image store's job, so the caller provides it.)
    public var writableLayerChanges: (@Sendable (_ upperdir: String, _ lowerdirs: [String]) -> [String])?
    /// Rootless: the default network is pasta, a user-mode stack (`ContainerNetworking.userMode`).
    /// Set from the mode at init; tests set it to try pasta as root.
    public var userModeNetworking = false
    /// The caller exits as soon as `start` returns (the CLI's foreground `run`): a `--rm`
    /// container's remover may then take over this process's memory rather than copy it, and
    /// start once this process has exited (DeferredRemoval, CLinux remover.c).
    public var exitsAfterStart = false

    /// `cgroups` defaults to what this host offers; a simulation tells root's cgroups.
    public init(store: ContainerStore, host: any Host, cgroups: CgroupHost? = nil,
                writableLayerChanges: (@Sendable (String, [String]) -> [String])? = nil) {
        self.store = store
        self.host = host
        self.cgroups = cgroups ?? (host.kernel.isSimulated ? .layout(root: "/sys/fs/cgroup") : .detect())
        self.userModeNetworking = !host.kernel.isSimulated && PrivilegeMode.current.isRootless
        self.writableLayerChanges = writableLayerChanges
    }

    /// A runner on the host `kernel` belongs to.
    public init(store: ContainerStore, kernel: any Kernel, cgroups: CgroupHost? = nil,
                writableLayerChanges: (@Sendable (String, [String]) -> [String])? = nil) {
        self.init(store: store, host: kernel.host, cgroups: cgroups, writableLayerChanges: writableLayerChanges)
    }

    /// Whether containers are made from inside the user's rootless namespace (`PrivilegeMode`).
    /// The simulation tells root's story.
    public var isRootless: Bool { !kernel.isSimulated && PrivilegeMode.current.isRootless }

    /// Overlayfs may be mounted in a user namespace, keeping whiteouts and opaque directories in
    /// `user.overlay.*` xattrs (`userxattr`), only since Linux 5.11. Older kernels would need
    /// fuse-overlayfs or a full copy of the layers; Dockyard has neither, and says so.
    public static func checkRootlessOverlay(isRootless: Bool, kernel: KernelVersion = .running) throws {
        guard isRootless, kernel < KernelVersion(major: 5, minor: 11) else { return }
        throw RuntimeError(code: .system, "rootless containers need overlayfs with userxattr, which Linux \(kernel.major).\(kernel.minor) lacks (5.11 or later has it); Dockyard has no fallback (fuse-overlayfs, or copying the layers): run as root, or on a newer kernel")
    }

    /// Rootless, a container can only be given ids its user namespace maps: with the user's own
    /// id alone, `-u 1000` (or an image's USER) cannot be, and says so before anything is made.
    /// Supplementary groups the map lacks (root's `wheel` in busybox's /etc/group) are dropped.
    /// Returns the groups to keep.
    func mappedIdentity(uid: UInt32, gid: UInt32, groups: [UInt32], user: String) throws -> [UInt32] {
        guard isRootless, let namespace = PrivilegeMode.current.rootlessNamespace else { return groups }
        for (kind, id, map) in [("uid", uid, namespace.uidMap), ("gid", gid, namespace.gidMap)] where map.outside(of: id) == nil {
            throw RuntimeError(code: .invalidArgument, "unable to use user \"\(user.isEmpty ? "root" : user)\": \(kind) \(id) does not exist in your rootless user namespace, which maps only \(map.ranges.map(\.line).joined(separator: "; ")) (inside outside count); add subordinate ids with usermod --add-subuids/--add-subgids, then stop the dockyard-holder process")
        }
        return groups.filter { namespace.gidMap.outside(of: $0) != nil }
    }

    /// How a run ended.
    public struct Outcome: Sendable {
        public var record: ContainerRecord
        public var status: ExitStatus
        public var oomKilled: Bool

        /// Docker's exit status for `run`: the process's, 128+N for signal N.
        public var exitCode: Int32 { status.shellStatus }
    }

    /// `docker run`: create the container, then start it and wait for it in this process.
    public func run(_ request: RunRequest) throws -> Outcome {
        let record = try create(request)
        return try start(record, io: ContainerIO(request))
    }

    /// `docker create`: checks the request, resolves the command, user, environment and working
    /// directory, and saves the container's record. Nothing in the kernel exists yet.
    public func create(_ request: RunRequest) throws -> ContainerRecord {
        var request = request
        // Names and host names become lines in files and tables: checked before anything is made.
        request.name = try request.name.map(NameRules.containerName)
        if let hostname = request.hostname { try NameRules.hostname(hostname) }
        let id = ContainerID.random()
        // Only the names taken are needed, unless the container joins another's namespaces: each
        // record is summarised, not decoded (decoding all made every run slower as the store grew).
        let others = host.summaries(in: store)
        let joinsAnother = request.network.container != nil || request.pidMode.container != nil
            || request.ipcMode.container != nil || request.utsMode.container != nil
        let existing = joinsAnother ? host.records(in: store) : []
        if let name = request.name,
           let owner = others.first(where: { $0.name == name && host.latestRecord($0.id, in: store) != nil }) {
            throw RuntimeError(code: .conflict, "Conflict. The container name \"/\(name)\" is already in use by container \"\(owner.id.full)\". You have to remove (or rename) that container to be able to reuse that name.")
        }
        guard !request.argv.isEmpty else { throw RuntimeError(code: .invalidArgument, "No command specified") }
        let donorHostname = try resolveSharing(&request, existing: existing)
        try cgroups.checkLimits(request.limits)
        try request.limits.check()
        try Sysctls.check(request.sysctls, network: request.network)
        try Self.checkRootlessOverlay(isRootless: isRootless)
        // With --init the container's pid 1 is the init, and the command its child (unless the
        // command is the init itself: a pod's infra container runs it as its pause process).
        let argv = request.initBinary == nil || request.argv.first == RootFilesystemPlan.initPath
            ? request.argv : [RootFilesystemPlan.initPath, "--"] + request.argv

        let userSpec = request.user ?? request.image.user
        var identity: UserResolver.Identity
        do {
            identity = try UserResolver(passwd: request.image.fileContents("/etc/passwd"),
                                        group: request.image.fileContents("/etc/group")).resolve(userSpec, groupAdd: request.groupAdd)
        } catch {
            throw RuntimeError(code: .invalidArgument, error.message)
        }
        identity.groups = try mappedIdentity(uid: identity.uid, gid: identity.gid, groups: identity.groups, user: userSpec)
        let hostname = request.hostname ?? donorHostname
            ?? (request.network == .host || request.utsMode == .host ? host.hostname() : id.short)
        let workingDirectory = request.workingDirectory ?? (request.image.workingDirectory.isEmpty ? "/" : request.image.workingDirectory)
        guard workingDirectory.hasPrefix("/") else {
            throw RuntimeError(code: .invalidArgument, "the working directory '\(workingDirectory)' is invalid, it needs to be an absolute path")
        }
        let environment = request.processEnvironment(hostname: hostname, home: identity.home,
                                                     hostEnvironment: ProcessInfo.processInfo.environment)
        // --device: the host's nodes are read now, so a missing or non-device path fails create.
        let devices = try request.devices.map { try $0.resolvingHostNode() }
        let config = ContainerConfiguration(
            image: request.image.reference, imageID: request.image.id, lowerdirs: request.image.lowerdirs,
            argv: argv, environment: environment, workingDirectory: workingDirectory,
            user: userSpec, uid: identity.uid, gid: identity.gid, groups: identity.groups, groupAdd: request.groupAdd,
            hostname: hostname, network: request.network, publishedPorts: request.publishedPorts,
            limits: request.limits, mounts: request.mounts, readOnlyRootfs: request.readOnlyRootfs,
            security: request.security, userNamespace: request.userNamespace, devices: devices,
            initBinary: request.initBinary, autoRemove: request.autoRemove, interactive: request.interactive,
            tty: request.tty, restartPolicy: request.restartPolicy,
            stopSignal: request.stopSignal ?? request.image.stopSignal, stopTimeout: request.stopTimeout,
            requested: RequestedProcess(request, hostEnvironment: ProcessInfo.processInfo.environment),
            labels: request.labels, nameResolution: request.nameResolution, ulimits: request.ulimits,
            sysctls: request.sysctls, shmSize: request.shmSize, containerIDFile: request.containerIDFile,
            healthcheck: request.healthcheck.map { $0.merged(over: request.image.healthcheck) } ?? request.image.healthcheck,
            logConfig: request.logConfig, cgroupnsHost: request.cgroupnsHost,
            pidMode: request.pidMode, ipcMode: request.ipcMode, utsMode: request.utsMode, pod: request.pod)
        var record = ContainerRecord(id: id, name: request.name ?? NameGenerator.name(avoiding: Set(others.map(\.name))),
                                     created: Date(), config: config,
                                     cgroupPaths: cgroups.manager(for: id, limits: config.limits, pod: request.pod).paths)
        // A `run --rm` killed before its start leaves a container nobody will start (CreatingRun).
        if request.autoRemove && request.startedByCreator { record.creatingRun = CreatingRun.current(on: host) }
        try host.save(record, in: store)   // makes the container's directory
        host.journal(.container("create", record), in: store)
        return record
    }

    /// `docker start` (and the second half of `run`): makes the container's kernel objects —
    /// writable layer (kept across restarts), /etc files, cgroup, namespaces, mounts — runs its
    /// first process to the end, and tears down what the run made. Holds the container's lock
    /// throughout, which is how other dockyard processes know it is alive.
    public func start(_ created: ContainerRecord, io: ContainerIO) throws -> Outcome {
        var record = created
        let paths = store.paths(for: record.id)
        let config = record.config
        let cgroup = cgroups.manager(for: record)
        var networking = ContainerNetworking(store: store, host: host)   // bridge networks, or pasta (Network/)
        networking.userMode = userModeNetworking
        record.cgroupPaths = cgroup.paths

        // The record comes first: from here on, whatever exists can be found and removed.
        // No lock means no directory: an `rm` removed the container while this start waited.
        guard let lock = host.lockContainer(directory: paths.directory) else {
            throw RuntimeError(code: .notFound, "No such container: \(record.id.short)")
        }
        // create() has just saved this very record (cgroup paths included) on a fresh run;
        // a restarted record changed, so it is saved before anything is made.
        if record != created { try host.save(record, in: store) }
        defer { withExtendedLifetime(lock) {} }

        var cgroupMade = false
        let sharesMemory = config.ipcMode == .shareable
        func tearDown(deferringRemoval: Bool = false) {
            networking.disconnectAll(from: &record)   // veth, DNAT entries and lease, or pasta
            // Joiners that still run keep the tmpfs through their own bind mounts of it.
            if sharesMemory { kernel.unmountSharedMemory(at: paths.sharedMemory) }
            // After a run that ended, a --rm container's cgroups and files may go in the background.
            let deferred = deferringRemoval && cgroupMade && removedInBackground(record.id, config: config, cgroup: cgroup, lock: lock)
            if cgroupMade && !deferred { try? cgroup.remove(kernel: kernel) }
            if config.autoRemove {
                if !deferred { try? kernel.removeTree(paths.directory, what: "container (--rm)") }
                VolumeStore(root: store.root).removeAnonymousVolumes(of: config.mounts)
                host.journal(.container("destroy", record), in: store)
            }
        }

        let process: LaunchedProcess
        var relay: StreamRelay?
        do {
            // Another container's namespaces are found first: it must be running (Sharing/).
            let joined = try joinedNamespaces(config)
            try kernel.createWritableLayer(upperdir: paths.upperdir, workdir: paths.workdir, mountPoint: paths.rootfs)
            _ = try networking.prepare(&record)   // bridge, lease, host ports: recorded before any veth exists
            try writeEtcFiles(paths: paths, config: config, sharedFrom: sharedEtcFiles(config),
                              bridgedHosts: networking.hostsFile(for: record), resolvConf: networking.resolvConf(for: record),
                              gateway: { try? networking.networks.defaultNetwork().gateway.description })
            cgroupMade = true
            try makeCgroup(cgroup, for: config)
            // Its place is known from the record's ipc mode, so a crashed run's is found (ContainerJanitor).
            if sharesMemory { try kernel.mountSharedMemory(sharedMemoryMount(config, paths: paths)) }

            let nullInput: Int32? = io.standardInput == nil && !config.interactive && !config.tty
                ? host.openNullInput() : nil
            defer { if let nullInput { close(nullInput) } }

            var plan = try filesystemPlan(config, paths: paths, cgroup: cgroup)
            plan.sharedMemory = sharedMemory(config, paths: paths)
            if plan.userNamespace {
                try host.prepareUserNamespace(containerDirectory: paths.directory,
                                              idmappedTargets: plan.idmappedMounts.map(\.target))
            }
            // Streams the caller did not route elsewhere go through pipes dockyard relays: the
            // container never holds one of the caller's own descriptors (LinuxKernel/StreamRelay).
            let requested = [io.standardInput ?? nullInput, io.standardOutput, io.standardError]
            if !config.tty { relay = try host.streamRelay(requested) }
            var launch = launchDescription(config, paths: paths, plan: plan, stdio: relay?.containerStreams ?? requested)
            launch.joinedNamespaces = joined
            // On cgroup v2 the process is born in its cgroup; on v1 it moves itself in before it execs.
            cgroup.admit(&launch)

            process = try kernel.launch(launch, beforeExec: { pid in
                try cgroup.moveIn(pid: pid, of: launch, kernel: kernel)
                try networking.connect(&record, pid: pid)   // veth into its namespace as eth0, address, route, ports
                record.state = .running(RunningProcess(pid: pid, startTime: host.startTime(of: pid), startedAt: Date()))
                try host.save(record, in: store)
            })
        } catch {
            tearDown()
            if !config.autoRemove {
                record.state = created.state   // as it was before this start: created, or exited
                try? host.save(record, in: store)
            }
            throw error
        }

        host.journal(.container("start", record), in: store)
        io.started(record)
        let status = try kernel.runToExit(process, relay: relay, interactive: config.interactive, output: io.standardOutput)
        io.exited()
        let oomKilled = reportExit(status, cgroup: cgroup, paths: paths, lowerdirs: config.lowerdirs)
        // In a pid namespace it does not own (the host's, another container's), the container's
        // other processes outlive its first one: they are killed, as runc does.
        if config.pidMode != .private { cgroup.killProcesses(kernel: kernel) }

        // Another command (stop, kill, restart) may have written to the record meanwhile. A --rm
        // container's record is about to go, and it is never restarted: no need to read it back.
        if !config.autoRemove, let latest = host.latestRecord(record.id, in: store) {
            record.stopRequested = latest.stopRequested
            // `rename` and `update` may have changed these while it ran: the save below keeps them.
            record.name = latest.name
            record.config = latest.config
            record.extraAttachments = latest.extraAttachments   // `network connect`: torn down below
        }
        networking.disconnectAll(from: &record, namespaceGone: true)   // before the record says exited
        record.state = .exited(ProcessExit(code: status.shellStatus, oomKilled: oomKilled,
                                           startedAt: record.state.process?.startedAt, finishedAt: Date()))
        // Told before the record says so: whoever waits for the exit (stop) then reports after it.
        host.journal(.container("die", record, ["exitCode": String(status.shellStatus)]), in: store)
        if !config.autoRemove { try? host.save(record, in: store) }
        tearDown(deferringRemoval: true)
        return Outcome(record: record, status: status, oomKilled: oomKilled)
    }

    /// The container's /etc/hostname, /etc/hosts and /etc/resolv.conf, bind-mounted into it later.
    /// `--add-host` lines follow the network's, and `--dns`/`--dns-search` replace the resolver's
    /// servers and domains (NameResolution); `gateway` is the default bridge's address, for `host-gateway`.
    /// In another container's network namespace, its /etc/hosts and resolv.conf are copied (`sharedFrom`).
    private func writeEtcFiles(paths: ContainerPaths, config: ContainerConfiguration, sharedFrom donor: ContainerPaths?,
                               bridgedHosts: String? = nil, resolvConf networkResolvConf: String? = nil,
                               gateway: () -> String?) throws {
        var hosts: String
        var resolvConf: String
        let hostname = config.hostname
        switch config.network {
        case _ where donor != nil:
            hosts = donor.flatMap { host.readFile($0.hosts) } ?? HostsFile.loopback
            resolvConf = donor.flatMap { host.readFile($0.resolvConf) } ?? ""
        case .host:
            hosts = host.readFile("/etc/hosts") ?? "127.0.0.1\tlocalhost\n"
            resolvConf = host.readFile("/etc/resolv.conf") ?? ""
        default:   // none, or a bridge network: its own address and name (Network/HostsFile.swift)
            hosts = bridgedHosts ?? HostsFile.loopback
            // Like Docker: the host's resolver settings, minus loopback servers that would
            // mean nothing inside another network namespace (user mode: pasta's DNS address).
            resolvConf = networkResolvConf ?? (host.readFile("/etc/resolv.conf") ?? "").split(separator: "\n")
                .filter { !($0.hasPrefix("nameserver 127.") || $0.hasPrefix("nameserver ::1")) }
                .joined(separator: "\n") + "\n"
        }
        if !config.nameResolution.extraHosts.isEmpty {
            hosts += try config.nameResolution.hostsLines(gateway: gateway())
        }
        resolvConf = config.nameResolution.applied(to: resolvConf)
        try kernel.writeFile(paths.hostname, contents: hostname + "\n", purpose: "the container's /etc/hostname")
        try kernel.writeFile(paths.hosts, contents: hosts, purpose: "the container's /etc/hosts")
        try kernel.writeFile(paths.resolvConf, contents: resolvConf, purpose: "the container's /etc/resolv.conf")
    }
}
