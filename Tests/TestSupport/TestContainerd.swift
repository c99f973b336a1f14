import Foundation
import HostSystem
import Synchronization

/// A private containerd for one test: Debian's containerd 1.6 (the daemon under Docker and most
/// Kubernetes nodes) with its own `root`, `state` and gRPC socket in a temporary directory, the
/// CRI plugin off, driven with `ctr`. Interop tests use it to pull what Dockyard pushed (containerd
/// checks every digest and each layer's diff_id while unpacking) and to push images Dockyard pulls.
///
/// Nothing of it reaches the machine's own containerd paths: the daemon runs in a mount namespace
/// of its own with a fresh tmpfs on /run, because containerd 1.6 puts its shims' sockets in
/// `/run/containerd/s` whatever `state` says; `ctr run` gets `--fifo-dir` and `--runc-root` in the
/// workspace (their defaults are under /run/containerd); every containerd namespace of its own is
/// `namespace`, so the cgroups runc makes (`/sys/fs/cgroup/*/NAMESPACE/ID`) are known and removed.
/// The overlay mounts of snapshots live in the daemon's mount namespace and end with it.
///
/// `stop()` (also `deinit`, and the end of `withTestContainerd { }`) kills and deletes tasks,
/// stops the daemon, kills any shim it left, removes the cgroups, unmounts anything left under the
/// workspace and removes it. The daemon itself stops even if the test process dies: see
/// `BackgroundServer`.
public final class TestContainerd: Sendable {
    /// The daemon's gRPC socket (`ctr --address`).
    public let socketPath: String
    /// The containerd namespace every `ctr` call here uses (`ctr --namespace`).
    public let namespace: String
    /// From creating the directory to the first answer of `ctr version`.
    public let startupDuration: Duration

    private let workspace: TemporaryDirectory
    private let daemon: BackgroundServer
    private let stopped = Mutex(false)

    /// The temporary directory holding config.toml, root, state, the log and ctr's fifos.
    public var workspacePath: String { workspace.path }
    /// containerd's log, for failure messages.
    public var log: String { daemon.log }

    /// Starts containerd and returns once `ctr version` answers.
    public init() throws {
        let started = ContinuousClock.now
        guard let containerd = HostTools.executable("containerd"), HostTools.executable("ctr") != nil,
              let unshare = HostTools.executable("unshare") else {
            throw TemporaryDirectoryError(message: Self.unavailableReason ?? "containerd is not installed")
        }
        workspace = try TemporaryDirectory(prefix: "containerd")
        let directory = workspace.path
        socketPath = directory + "/containerd.sock"
        namespace = "dockyard-test-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
        for name in ["tmp", "fifo", "runc"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(name)", withIntermediateDirectories: true)
        }
        let config = directory + "/config.toml"
        try Self.configuration(directory: directory).write(toFile: config, atomically: true, encoding: .utf8)
        // unshare without --fork execs in place, so the daemon keeps the guard's pid; mounts made
        // in this namespace (/run's tmpfs, snapshot mounts) never propagate to the host's.
        let script = "mount -t tmpfs -o mode=0755 tmpfs /run && export TMPDIR=\"$2\" && exec \"$0\" --config \"$1\""
        daemon = try BackgroundServer(unshare, ["--mount", "--propagation", "private", "/bin/sh", "-c", script,
                                                containerd, config, directory + "/tmp"],
                                      logPath: directory + "/containerd.log")
        guard Self.waitUntilAnswering(socketPath, namespace: namespace, daemon: daemon) else {
            daemon.stop()
            throw TemporaryDirectoryError(message: "containerd did not start: \(daemon.log)")
        }
        startupDuration = ContinuousClock.now - started
    }

    deinit { stop() }

    /// Why containerd tests cannot run here, or nil when every program they need is installed.
    public static var unavailableReason: String? {
        let needed = [("containerd", "containerd"), ("ctr", "containerd"), ("runc", "runc"), ("unshare", "util-linux")]
        let missing = needed.filter { HostTools.executable($0.0) == nil }
        guard !missing.isEmpty else { return nil }
        let packages = Set(missing.map(\.1)).sorted().joined(separator: " ")
        return "needs \(missing.map(\.0).joined(separator: ", ")) for a private containerd "
            + "(apt-get install \(packages), or scripts/install-deps)"
    }

    /// What one `ctr` call did.
    public struct Result: Sendable, CustomStringConvertible {
        /// The exit status in the shell's terms (128 + signal when killed).
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        public var description: String { "status \(status)\(timedOut ? " (timed out)" : ""): \(stderr)\(stdout)" }
    }

    /// `ctr --address SOCKET --namespace NAMESPACE ARGUMENTS...`, killed after `timeout` seconds.
    @discardableResult
    public func ctr(_ arguments: [String], timeout: Double = 120) throws -> Result {
        try Self.ctr(arguments, socketPath: socketPath, namespace: namespace, timeout: timeout)
    }

    private static func ctr(_ arguments: [String], socketPath: String, namespace: String, timeout: Double) throws -> Result {
        guard let ctr = HostTools.executable("ctr") else {
            throw TemporaryDirectoryError(message: Self.unavailableReason ?? "ctr is not installed")
        }
        var program = HostProgram(ctr, ["--address", socketPath, "--namespace", namespace] + arguments)
        program.timeout = timeout
        let result = try program.run()
        return Result(status: result.exit.shellStatus, stdout: result.outputText, stderr: result.errorText,
                      timedOut: result.timedOut)
    }

    /// `ctr run --rm` of `image` as container `id`, with its fifos and runc state in the workspace
    /// (not /run/containerd), the overlayfs snapshotter, and no network but loopback (ctr's default).
    /// `runtime` is a runc-compatible binary (`--runc-binary`), runc when nil.
    @discardableResult
    public func run(_ image: String, id: String, _ command: [String] = [], runtime: String? = nil) throws -> Result {
        var arguments = ["run", "--rm", "--snapshotter", "overlayfs",
                         "--fifo-dir", workspace.appending("fifo"), "--runc-root", workspace.appending("runc")]
        if let runtime { arguments += ["--runc-binary", runtime] }
        return try ctr(arguments + [image, id] + command)
    }

    /// True once `ctr version` answers (the daemon serves its API), false if it exits or 15 s pass.
    private static func waitUntilAnswering(_ socketPath: String, namespace: String, daemon: BackgroundServer) -> Bool {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline && daemon.isRunning {
            if (try? ctr(["version"], socketPath: socketPath, namespace: namespace, timeout: 5))?.status == 0 { return true }
            usleep(20_000)
        }
        return false
    }

    /// Stops containerd and removes everything it made. Calling it again does nothing.
    public func stop() {
        let first = stopped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        if daemon.isRunning { removeTasksAndContainers() }
        daemon.stop()
        killLeftoverShims()
        removeCgroups()
        unmountLeftovers()
        try? FileManager.default.removeItem(atPath: workspace.path)
    }
}

/// Runs `body` with a private containerd, stopped and removed when `body` returns or throws.
public func withTestContainerd<T>(_ body: (TestContainerd) throws -> T) throws -> T {
    let containerd = try TestContainerd()
    defer { containerd.stop() }
    return try body(containerd)
}

extension TestContainerd {
    /// config.toml (version 2): every path containerd would otherwise take from its defaults
    /// (/var/lib/containerd, /run/containerd, /opt/containerd) under `directory`; no CRI (it wants
    /// CNI and a sandbox image); no snapshotters that need what this host lacks (aufs, btrfs, zfs, a
    /// devmapper pool); no debug or metrics listeners.
    static func configuration(directory: String) -> String {
        """
        version = 2
        root = "\(directory)/root"
        state = "\(directory)/state"
        disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.aufs",
                            "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
                            "io.containerd.snapshotter.v1.devmapper"]

        [grpc]
          address = "\(directory)/containerd.sock"

        [ttrpc]
          address = "\(directory)/containerd.sock.ttrpc"

        [debug]
          address = ""

        [metrics]
          address = ""

        [plugins."io.containerd.internal.v1.opt"]
          path = "\(directory)/opt"

        """
    }
}
