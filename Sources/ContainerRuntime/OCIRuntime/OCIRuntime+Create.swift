import Explain
import FoundationEssentials
import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// What `create` was asked for: runc's `create [--bundle DIR] [--pid-file F] [--console-socket S] ID`.
public struct OCICreateRequest: Sendable {
    public var id: String
    public var bundle: String
    public var pidFile: String?
    public var consoleSocket: String?

    public init(id: String, bundle: String, pidFile: String? = nil, consoleSocket: String? = nil) {
        self.id = id
        self.bundle = bundle
        self.pidFile = pidFile
        self.consoleSocket = consoleSocket
    }
}

extension OCIRuntime {
    /// `create`: the container's process, set up to the last stage before exec and waiting on
    /// its start fifo (runc's exec.fifo). Its cgroup, state and directory are recorded before
    /// they are made; if anything fails, all of it goes again and the process is killed.
    public func create(_ request: OCICreateRequest) throws {
        try Self.checkID(request.id)
        let bundle = Self.absolute(request.bundle)
        let spec = try Self.readSpec(bundle: bundle)
        let seccomp = try Self.readSeccomp(bundle: bundle)
        let rootfs = Self.rootfsPath(spec, bundle: bundle)
        let oci = OCILaunch(spec: spec, bundle: bundle, rootfs: rootfs, seccomp: seccomp)
        if let problem = oci.unsupported() { throw RuntimeError(code: .invalidArgument, problem) }

        let limits = Self.limits(spec.linux?.resources)
        let group = spec.linux?.cgroupsPath ?? "dockyard-runtime/\(request.id)"
        let (blockIO, network) = (spec.linux?.resources?.blockIO != nil, spec.linux?.resources?.network != nil)
        let cgroup = Self.cgroup(group: group, limits: limits, blockIO: blockIO, network: network)
        if let network = spec.linux?.resources?.network {   // refused before anything is made
            _ = try OCIControllerWrites.network(network, netCls: Self.controllerPath("net_cls", of: cgroup),
                                                netPrio: Self.controllerPath("net_prio", of: cgroup))
        }
        try makeDirectory(request.id)
        var state = OCIContainerState(id: request.id, pid: 0, startTime: 0, bundle: bundle, rootfs: rootfs,
                                      created: OCIContainerState.now(), annotations: spec.annotations ?? [:],
                                      cgroupGroup: group, cgroupPaths: cgroup.paths, cpuset: limits.usesCpuset,
                                      blockIO: blockIO, network: network, laterHooks: OCILaterHooks(spec.hooks))
        let kernel = LiveKernel(events: Self.explainSink(spec.annotations?[Self.explainAnnotation]))
        do {
            try save(state)
            guard mkfifo(fifo(request.id), 0o600) == 0 else {
                throw RuntimeError(code: .system, "mkfifo \(fifo(request.id)): \(KernelError.message(for: errno))")
            }
            try cgroup.create(limits: limits, kernel: kernel)
            try Self.writeBlockIOAndNetwork(spec.linux?.resources, cgroup: cgroup, kernel: kernel)
            try cgroup.restrictDevices(to: Self.deviceRules(spec.linux?.resources?.devices), kernel: kernel)
            var launch = oci.launch(startGate: fifo(request.id), consoleSocket: try request.consoleSocket.map(Self.connect),
                                    cgroupView: cgroup.insideView)
            cgroup.admit(&launch)
            let process = try kernel.launch(launch) { pid in
                try cgroup.moveIn(pid: pid, of: launch, kernel: kernel)
                if let score = spec.process?.oomScoreAdj { try Self.writeOOMScore(score, pid: pid) }
            }
            state.pid = process.pid
            state.startTime = OCIContainerState.stat(of: process.pid)?.startTime ?? 0
            try save(state)
            // The hooks of runtime.md's create, in its order; a failing one fails the create.
            for hook in (spec.hooks?.prestart ?? []) + (spec.hooks?.createRuntime ?? []) + (spec.hooks?.createContainer ?? []) {
                try OCIHook(hook).run(state: state.json(status: "created"))
            }
            if let pidFile = request.pidFile { try Self.writePidFile(process.pid, to: pidFile) }
        } catch {
            destroy(state, cgroup: cgroup, kernel: kernel)
            throw error
        }
    }

    /// `start`: the waiting process reads one byte from its fifo and execs.
    public func start(_ id: String) throws {
        let state = try load(id)
        let status = status(of: state)
        guard status == "created" else {
            throw RuntimeError(code: .conflict, status == "stopped" ? "cannot start a container that has stopped" : "cannot start an already running container")
        }
        for hook in state.laterHooks.startContainer { try OCIHook(hook).run(state: state.json(status: "created")) }
        // O_NONBLOCK: with the process gone there is no reader, and open fails (ENXIO) at once.
        let fd = open(fifo(id), O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw RuntimeError(code: .notRunning, "cannot start a container that has stopped") }
        var go: UInt8 = 0
        let written = write(fd, &go, 1)
        close(fd)
        unlink(fifo(id))
        guard written == 1 else { throw RuntimeError(code: .system, "start: writing to the exec fifo: \(KernelError.message(for: errno))") }
        // runtime.md: a poststart hook that fails is logged, and the container keeps running.
        for hook in state.laterHooks.poststart {
            do { try OCIHook(hook).run(state: state.json(status: "running")) } catch { Self.warn("poststart hook: \(error)") }
        }
    }

    func makeDirectory(_ id: String) throws {
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        guard mkdir(directory(id), 0o711) == 0 else {
            if errno == EEXIST { throw RuntimeError(code: .conflict, "container with id exists: \(id)") }
            throw RuntimeError(code: .system, "mkdir \(directory(id)): \(KernelError.message(for: errno))")
        }
    }

    /// Kills the container's processes and removes its cgroup and directory: what a failed
    /// create, and `delete`, leave behind is nothing.
    func destroy(_ state: OCIContainerState, cgroup: any CgroupManager, kernel: any Kernel) {
        if state.pid > 0, OCIContainerState.stat(of: state.pid)?.startTime == state.startTime {
            Glibc.kill(state.pid, SIGKILL)
        }
        cgroup.killProcesses(kernel: kernel)
        try? cgroup.remove(kernel: kernel)
        try? kernel.removeTree(directory(state.id), what: "the OCI runtime's state of \(state.id)")
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        return path.isEmpty || path == "." ? cwd : cwd + "/" + path
    }

    static func readSpec(bundle: String) throws -> RuntimeSpec {
        let path = bundle + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(code: .notFound, "JSON specification file config.json not found")
        }
        do {
            return try JSONDecoder().decode(RuntimeSpec.self, from: data)
        } catch {
            throw RuntimeError(code: .invalidArgument, "\(path): \(error)")
        }
    }

    /// `linux.seccomp`, decoded by the same code as Docker's profiles (the formats agree on
    /// defaultAction, architectures and syscalls with names, action, args and errnoRet).
    static func readSeccomp(bundle: String) throws -> SeccompProfile? {
        struct Wrapper: Decodable { var linux: Linux? }
        struct Linux: Decodable { var seccomp: SeccompProfile? }
        guard let data = FileManager.default.contents(atPath: bundle + "/config.json") else { return nil }
        do {
            return try JSONDecoder().decode(Wrapper.self, from: data).linux?.seccomp
        } catch {
            throw RuntimeError(code: .invalidArgument, "linux.seccomp: \(error)")
        }
    }

    static func rootfsPath(_ spec: RuntimeSpec, bundle: String) -> String {
        let path = spec.root?.path ?? "rootfs"
        let joined = path.hasPrefix("/") ? path : bundle + "/" + path
        return realpath(joined, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? joined
    }

    /// `linux.resources` as the limits `dockyard run`'s flags give.
    static func limits(_ resources: RuntimeSpec.Resources?) -> ResourceLimits {
        var limits = ResourceLimits()
        guard let resources else { return limits }
        limits.memoryBytes = resources.memory?.limit.flatMap { $0 > 0 ? $0 : nil }
        limits.memorySwapBytes = resources.memory?.swap
        limits.memoryReservationBytes = resources.memory?.reservation
        limits.oomKillDisable = resources.memory?.disableOOMKiller
        if let quota = resources.cpu?.quota, quota > 0 {
            limits.cpus = Double(quota) / Double(resources.cpu?.period ?? UInt64(ResourceLimits.cpuPeriod))
        }
        limits.cpuPeriodMicroseconds = resources.cpu?.period.map { Int64(clamping: $0) }
        limits.cpusetMems = resources.cpu?.mems.flatMap { $0.isEmpty ? nil : $0 }
        limits.memorySwappiness = resources.memory?.swappiness.flatMap { $0 <= 100 ? Int64($0) : nil }
        limits.hugepageLimits = resources.hugepageLimits.map { limits in
            Dictionary(limits.map { ($0.pageSize, Int64(clamping: $0.limit)) }, uniquingKeysWith: { $1 })
        }
        limits.cpuShares = resources.cpu?.shares.map { Int64(clamping: $0) }
        limits.cpusetCpus = resources.cpu?.cpus.flatMap { $0.isEmpty ? nil : $0 }
        limits.pids = resources.pids.flatMap { $0.limit > 0 ? $0.limit : nil }
        // v2 enables the io controller for a container with block I/O limits; the lines
        // themselves are the OCI mode's own (writeBlockIOAndNetwork), weights and IOPS included.
        if resources.blockIO != nil { limits.deviceReadBps = [] }
        return limits
    }

    /// The devices cgroup's allow-list: the nodes every container gets (as runc allows them)
    /// and each `allow: true` rule of `linux.resources.devices`; everything else is denied.
    static func deviceRules(_ rules: [RuntimeSpec.DeviceRule]?) -> [DeviceRule] {
        var allowed = DevicePolicy.dockerDefault
        for rule in rules ?? [] where rule.allow {
            let kind = DeviceRule.Kind(rawValue: rule.type ?? "a") ?? .all
            if kind == .all { return [.everything] }
            func number(_ value: Int64?) -> UInt32? { value.flatMap { $0 < 0 ? nil : UInt32(clamping: $0) } }
            allowed.append(DeviceRule(kind, number(rule.major), number(rule.minor), DeviceAccess(letters: rule.access ?? "rwm") ?? .all))
        }
        return allowed
    }

    static func writeOOMScore(_ score: Int, pid: Int32) throws {
        let path = "/proc/\(pid)/oom_score_adj"
        guard let fd = try? FileDescriptor.open(path, O_WRONLY) else {
            throw RuntimeError(code: .system, "open \(path): \(KernelError.message(for: errno))")
        }
        defer { fd.close() }
        do { try fd.writeAll(Array(String(score).utf8), path: path) } catch {
            throw RuntimeError(code: .system, "\(error)")
        }
    }

    /// The pid file holds the number only (containerd reads it with strconv.Atoi).
    static func writePidFile(_ pid: Int32, to path: String) throws {
        do { try AtomicFile.replace(Array(String(pid).utf8), at: absolute(path), mode: 0o644, durable: false) } catch {
            throw RuntimeError(code: .system, "writing the pid file: \(error)")
        }
    }

    /// Where `--explain`'s lines go for a container: its annotation, else the environment's.
    static func explainSink(_ annotation: String?) -> any EventSink {
        guard let path = annotation ?? ProcessInfo.processInfo.environment[explainVariable], !path.isEmpty else {
            return DiscardingSink()
        }
        return TextRenderer { line in
            guard let file = try? FileDescriptor.open(path, O_WRONLY | O_CREAT | O_APPEND, permissions: 0o644) else { return }
            try? file.writeAll(Array((line + "\n").utf8), path: path)
            file.close()
        }
    }

    static func warn(_ message: String) {
        try? FileDescriptor.standardError.writeAll("dockyard-runtime: warning: \(message)\n")
    }
}
