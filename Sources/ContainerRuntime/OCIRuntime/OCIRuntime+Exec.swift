import Explain
import FoundationEssentials
import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// What `exec` was asked for: a process.json (`--process F`) or a command line, and how to hand
/// it over: `detach` returns once it runs (its pid in `pidFile`), else `exec` waits for it.
public struct OCIExecRequest: Sendable {
    public var id: String
    public var process: RuntimeSpec.Process
    public var detach: Bool
    public var pidFile: String?
    public var consoleSocket: String?

    public init(id: String, process: RuntimeSpec.Process, detach: Bool, pidFile: String?, consoleSocket: String?) {
        self.id = id
        self.process = process
        self.detach = detach
        self.pidFile = pidFile
        self.consoleSocket = consoleSocket
    }
}

extension OCIRuntime {
    /// `exec`: a new process in the running container's namespaces and cgroup, through the same
    /// `exec` launch plan as `dockyard exec`, confined by the container's seccomp profile.
    /// Returns the exit status to leave with (0 when detached).
    public func exec(_ request: OCIExecRequest) throws -> Int32 {
        let state = try load(request.id)
        let status = status(of: state)
        guard status == "running" || status == "created" else { throw RuntimeError(code: .notRunning, "cannot exec in a stopped container") }
        let spec = try? Self.readSpec(bundle: state.bundle)
        let seccomp = try Self.readSeccomp(bundle: state.bundle)
        var launch = ContainerLaunch(namespaces: [], steps: [], rootfs: nil, hostname: nil, loopbackUp: false,
                                     argv: [], environment: [], workingDirectory: "/", uid: 0, gid: 0)
        OCILaunch.process(request.process, seccomp: seccomp, into: &launch)
        launch.dieWithParent = !request.detach
        launch.consoleSocket = try request.consoleSocket.map(Self.connect)
        let kernel = LiveKernel(events: Self.explainSink(spec?.annotations?[Self.explainAnnotation]))
        let cgroup = Self.cgroup(of: state)
        cgroup.admit(&launch)
        let process = try kernel.exec(into: state.pid, launch) { pid in try cgroup.moveIn(pid: pid, of: launch, kernel: kernel) }
        if let pidFile = request.pidFile { try Self.writePidFile(process.pid, to: pidFile) }
        if request.detach { return 0 }
        let exit = try kernel.wait(pid: process.pid)
        return exit.shellStatus
    }

    /// `exec ID CMD…` without --process: the container's own process settings with another argv.
    public func execProcess(for id: String, argv: [String], tty: Bool, cwd: String?, env: [String], user: (UInt32, UInt32)?) throws -> RuntimeSpec.Process {
        let state = try load(id)
        let spec = try Self.readSpec(bundle: state.bundle)
        guard var process = spec.process else { throw RuntimeError(code: .invalidArgument, "config.json has no process") }
        process.args = argv
        process.terminal = tty
        if let cwd { process.cwd = cwd }
        process.env = (process.env ?? []) + env
        if let user {
            process.user.uid = user.0
            process.user.gid = user.1
            process.user.additionalGids = nil
        }
        return process
    }
}
