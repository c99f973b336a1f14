import Explain
import LinuxKernel
import ImageStore

extension ContainerRunner {
    /// The container's filesystem as its first process will build it: the overlay of its layers,
    /// /proc, /dev, /sys, its volumes and binds, `--init`, the masked paths, `--device` nodes.
    func filesystemPlan(_ config: ContainerConfiguration, paths: ContainerPaths,
                        cgroup: (any CgroupManager)? = nil) throws -> RootFilesystemPlan {
        var plan = RootFilesystemPlan(paths: paths, lowerdirs: config.lowerdirs,
                                      workingDirectory: config.workingDirectory, ownNetwork: config.network != .host)
        plan.mounts = try host.planMounts(config.mounts, volumes: VolumeStore(root: store.root))
        plan.readOnlyRootfs = config.readOnlyRootfs
        plan.initBinary = config.initBinary
        plan.privileged = config.security.privileged
        plan.maskedPaths = MaskedPaths.present()
        plan.userNamespace = config.userNamespace
        plan.rootless = isRootless
        if isRootless, let namespace = PrivilegeMode.current.rootlessNamespace {
            plan.mapsTTYGroup = namespace.gidMap.outside(of: 5) != nil
        }
        plan.addedDevices = config.devices
        plan.shmSize = config.shmSize
        plan.sysctls = config.sysctls.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        plan.cgroupView = cgroup?.insideView ?? []
        plan.volatileWritableLayer = config.autoRemove && Self.overlayHasVolatile
        plan.mountPointLayer = mountPointLayer(config)
        return plan
    }

    /// The image's mount-point layer, made on its first run (ImageStore MountPointLayer); nil when
    /// the image needs none, or where the layers are shown idmapped (`--userns remap`, rootless),
    /// which would need it idmapped too: there the mount points go in the writable layer. A
    /// simulation names it without making it.
    func mountPointLayer(_ config: ContainerConfiguration) -> String? {
        guard !config.userNamespace, !isRootless, let layer = MountPointLayer(imageID: config.imageID, root: store.root) else { return nil }
        if kernel.isSimulated { return MountPointLayer.isNeeded(by: config.lowerdirs) ? layer.directory : nil }
        return layer.prepared(lowerdirs: config.lowerdirs)
    }

    /// Whether overlayfs takes `volatile` here (Linux 5.10 and later).
    static let overlayHasVolatile = KernelVersion.running >= KernelVersion(major: 5, minor: 10)

    /// Everything the kernel needs to start the container's first process: the namespaces to
    /// make, the filesystem plan, who it runs as, its streams and its confinement. The kernel
    /// turns it into a `LaunchPlan`, the one order of its stages.
    func launchDescription(_ config: ContainerConfiguration, paths: ContainerPaths, plan: RootFilesystemPlan,
                           stdio: [Int32?]) -> ContainerLaunch {
        let namespaces = ownNamespaces(config)
        var launch = ContainerLaunch(
            namespaces: namespaces, steps: plan.steps, rootfs: paths.rootfs,
            // Only a uts namespace of its own is named: the host's, or another container's, keeps its name.
            hostname: namespaces.contains(.uts) ? config.hostname : nil,
            loopbackUp: namespaces.contains(.net), argv: config.argv, environment: config.environment,
            workingDirectory: config.workingDirectory, uid: config.uid, gid: config.gid,
            supplementaryGroups: config.groups, stdio: stdio,
            terminal: config.tty ? (TerminalRelay.currentSize() ?? TerminalSize(rows: 24, columns: 80)) : nil,
            dieWithParent: true, security: config.security.processSecurity(seccompCache: store.seccompCache(for: kernel)))
        launch.resourceLimits = config.ulimits
        if plan.userNamespace {
            launch.namespaces.insert(.user, at: 0)
            launch.userNamespace = UserNamespaceMapping(idmappedMounts: plan.idmappedMounts)
        }
        return launch
    }

    /// What the container's /dev/shm binds, as Docker does: with `--ipc host` the host's; with
    /// `--ipc shareable` its own tmpfs, mounted on the host at start (`ContainerPaths.sharedMemory`);
    /// with `--ipc container:` the donor's, so both see one /dev/shm as they see one set of System V
    /// objects. Both are reachable because the new mount namespace is a copy of dockyard's. (The
    /// donor's /dev/shm inside its own mount namespace could not be bound: mount(2) refuses a
    /// mount of another namespace, EINVAL.) nil: a private tmpfs of its own.
    func sharedMemory(_ config: ContainerConfiguration, paths: ContainerPaths) -> String? {
        switch config.ipcMode {
        case .host: "/dev/shm"
        case .shareable: paths.sharedMemory
        case let .container(donor): store.paths(for: ContainerID(full: donor)).sharedMemory
        case .private: nil
        }
    }

    /// The tmpfs `--ipc shareable` mounts on the host: Docker's /dev/shm options and size.
    func sharedMemoryMount(_ config: ContainerConfiguration, paths: ContainerPaths) -> Mount {
        Mount(type: "tmpfs", source: "shm", target: paths.sharedMemory, flags: [.noSetuid, .noDevices, .noExec],
              data: "mode=1777,size=" + (config.shmSize.map(String.init) ?? "65536k"))
    }

    /// The container whose /etc/hosts and resolv.conf this one takes: the one whose network it shares.
    func sharedEtcFiles(_ config: ContainerConfiguration) -> ContainerPaths? {
        config.network.container.map { store.paths(for: ContainerID(full: $0)) }
    }

    /// The container's cgroup with its limits, and its device policy: every device denied but
    /// Docker's list before the first process exists, so nothing the container runs ever gets to
    /// open the host's disks, /dev/kmsg or /dev/kvm.
    func makeCgroup(_ cgroup: any CgroupManager, for config: ContainerConfiguration) throws {
        try cgroup.create(limits: config.limits, kernel: kernel)
        try cgroup.restrictDevices(to: DevicePolicy.rules(privileged: config.security.privileged, devices: config.devices),
                                   kernel: kernel)
    }

    /// Tells how the first process ended (an OOM kill says so) and, when asked, what it left in
    /// its writable layer, read before `--rm` removes it. Whether the OOM killer struck.
    func reportExit(_ status: ExitStatus, cgroup: any CgroupManager, paths: ContainerPaths, lowerdirs: [String]) -> Bool {
        let oomKilled = cgroup.oomKilled(kernel: kernel)
        if let refused = cgroup.forksRefused(kernel: kernel) {
            kernel.events.emit(Event(.cgroupLimitHit(path: refused.file, counter: "max", count: refused.count),
                                     simulated: kernel.isSimulated))
        }
        kernel.events.emit(Event(.exited(status: status.shellStatus, signal: status.signal, oomKilled: oomKilled),
                                 simulated: kernel.isSimulated))
        if let writableLayerChanges,
           let changes = host.writableLayerChanges(upperdir: paths.upperdir, lowerdirs: lowerdirs, listedBy: writableLayerChanges) {
            kernel.events.emit(Event(.writableLayerChanged(upperdir: paths.upperdir, changes: changes)))
        }
        return oomKilled
    }
}
