import Dispatch
import FoundationEssentials
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The healthcheck's schedule while a container runs, as Docker's daemon keeps it: wait one
/// interval, run the probe in the container (an `exec`), record the result in `health.json`,
/// and again, until the container's first process has exited. A paused container is not probed
/// (an exec into frozen processes would only time out).
final class HealthMonitor: Sendable {
    /// Runs one probe: the command and its timeout in seconds.
    typealias Probe = @Sendable (_ command: [String], _ timeout: Double) -> ProbeResult

    struct ProbeResult: Sendable {
        var exitCode: Int
        var output: String
    }

    private let check: Healthcheck
    private let command: [String]
    private let paths: ContainerPaths
    private let startedAt: Date
    private let probe: Probe
    private let isPaused: @Sendable () -> Bool
    /// Written to (closed) by `stop`; the schedule sleeps by polling its read end.
    private let wakeUp: (read: Int32, write: Int32)
    private let done = DispatchGroup()

    /// Starts probing, or nil when the container has no healthcheck to run.
    static func start(_ check: Healthcheck?, paths: ContainerPaths, startedAt: Date,
                      isPaused: @escaping @Sendable () -> Bool, probe: @escaping Probe) -> HealthMonitor? {
        guard let check, let command = check.probeCommand else { return nil }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let monitor = HealthMonitor(check: check, command: command, paths: paths, startedAt: startedAt,
                                    isPaused: isPaused, probe: probe, wakeUp: (fds[0], fds[1]))
        // Docker resets the health at every start: starting, no streak (the log is kept).
        var health = ContainerHealth.load(paths) ?? .starting
        health.status = .starting
        health.failingStreak = 0
        try? health.save(paths)
        monitor.done.enter()
        DispatchQueue.global().async {
            monitor.schedule()
            monitor.done.leave()
        }
        return monitor
    }

    private init(check: Healthcheck, command: [String], paths: ContainerPaths, startedAt: Date,
                 isPaused: @escaping @Sendable () -> Bool, probe: @escaping Probe, wakeUp: (read: Int32, write: Int32)) {
        self.check = check
        self.command = command
        self.paths = paths
        self.startedAt = startedAt
        self.isPaused = isPaused
        self.probe = probe
        self.wakeUp = wakeUp
    }

    /// Ends the schedule (a probe under way finishes first) and waits for it.
    func stop() {
        close(wakeUp.write)
        done.wait()
        close(wakeUp.read)
    }

    private func schedule() {
        let interval = Int32(clamping: check.effectiveInterval / 1_000_000)
        let timeout = Double(check.effectiveTimeout) / 1e9
        while sleep(milliseconds: max(1, interval)) {
            if isPaused() { continue }
            let start = Date()
            let result = probe(command, timeout)
            let entry = ContainerHealth.Probe(start: ContainerLog.timestamp(start), end: ContainerLog.timestamp(),
                                              exitCode: result.exitCode, output: result.output)
            var health = ContainerHealth.load(paths) ?? .starting
            health.record(entry, sinceStart: start.timeIntervalSince(startedAt), check: check)
            try? health.save(paths)
        }
    }

    /// Sleeps; false once `stop` was called.
    private func sleep(milliseconds: Int32) -> Bool {
        var fd = pollfd(fd: wakeUp.read, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&fd, 1, milliseconds)
            if ready == 0 { return true }
            if ready < 0, errno == EINTR { continue }
            return false
        }
    }
}

extension HealthMonitor {
    /// A probe as Docker runs one: an exec of `command` in container `id` (here `dockyard exec`,
    /// a process of its own that the timeout can kill with everything it started), its stdout
    /// and stderr together as the output, cut to 4096 bytes.
    static func execProbe(root: String, id: ContainerID) -> Probe {
        { command, timeout in
            var program = HostProgram(Daemon.ownExecutable, ["exec", "--root", root, id.full] + command)
            program.timeout = timeout
            guard let result = try? program.run() else {
                return ProbeResult(exitCode: -1, output: "cannot run the health check: dockyard exec did not start")
            }
            if result.timedOut {
                return ProbeResult(exitCode: -1, output: "Health check exceeded timeout (\(goDuration(timeout)))")
            }
            let output = (result.output + result.errors).prefix(ContainerHealth.keptOutputBytes)
            return ProbeResult(exitCode: Int(result.exit.shellStatus), output: String(decoding: output, as: UTF8.self))
        }
    }

    /// A duration as Go prints a `time.Duration` in Docker's messages: `30s`, `1m30s`, `500ms`.
    static func goDuration(_ seconds: Double) -> String {
        let millis = Int64((seconds * 1000).rounded())
        if millis % 1000 != 0 && millis < 1000 { return "\(millis)ms" }
        let wholeSeconds = millis / 1000
        var fraction = millis % 1000 == 0 ? "" : "." + String(1000 + millis % 1000).dropFirst()
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let (h, m, s) = (wholeSeconds / 3600, wholeSeconds / 60 % 60, wholeSeconds % 60)
        return (h > 0 ? "\(h)h" : "") + (h > 0 || m > 0 ? "\(m)m" : "") + "\(s)\(fraction)s"
    }
}
