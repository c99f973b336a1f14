import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Starts a container in the background (`run -d`, `start`): launches its monitor, a copy of
/// dockyard (`dockyard _monitor`) that outlives this command, and waits only until the monitor
/// says the container started, or why it could not. Lines the monitor sends before that
/// (rendered explain events) go to `relay` meanwhile.
public struct DetachedStart: Sendable {
    /// The storage root the monitor works in.
    public var root: String
    /// More arguments for the monitor, e.g. `--explain=text`.
    public var monitorArguments: [String]
    public var relay: @Sendable (String) -> Void

    public init(root: String, monitorArguments: [String] = [], relay: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.monitorArguments = monitorArguments
        self.relay = relay
    }

    /// The monitor could not start the container: Docker's exit status for the reason, and the
    /// monitor's message.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var status: Int32
        public var message: String
        public var description: String { message }
    }

    public func start(_ id: ContainerID) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            let cause = KernelError("pipe", path: "the monitor's status pipe", errno: errno)
            throw RuntimeError(code: .system, "\(cause)", cause: cause)
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let arguments = [Daemon.ownExecutable, "_monitor", "--root", root, id.full] + monitorArguments
        let pid: Int32
        do {
            pid = try Daemon.spawn(path: Daemon.ownExecutable, arguments: arguments, statusFD: fds[1])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])

        var outcome: String?
        PipeLines.read(fds[0], until: { bytes in
            let line = String(decoding: bytes.last == 10 ? bytes.dropLast() : bytes[...], as: UTF8.self)
            guard line.hasPrefix("E ") else {
                outcome = line
                return false
            }
            relay(String(line.dropFirst(2)) + "\n")
            return true
        })
        guard let outcome, outcome == "started" else {
            // The monitor gave up (or died): reap it, and report what it said.
            var status: Int32 = 0
            waitpid(pid, &status, WNOHANG)
            let parts = (outcome ?? "failed 125 the container's monitor exited without starting it")
                .split(separator: " ", maxSplits: 2).map(String.init)
            throw Failure(status: parts.count > 1 ? Int32(parts[1]) ?? 125 : 125,
                          message: parts.count > 2 ? parts[2] : "the container did not start")
        }
    }
}
