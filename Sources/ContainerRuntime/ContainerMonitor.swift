import Explain
import FoundationEssentials
import LinuxKernel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The small process that stays with a detached container (`run -d`), like Docker's conmon:
/// it is the container's parent, so it can wait for pid 1's exit status; it copies the
/// container's output into its log; it runs the healthcheck on schedule (HealthMonitor); it
/// applies `--restart`; and it holds the container's lock,
/// which tells every other dockyard command that the container is alive. No daemon serves all
/// containers: each has its own monitor, which exits when its container is finally done.
public struct ContainerMonitor {
    public let runner: ContainerRunner

    public init(runner: ContainerRunner) {
        self.runner = runner
    }

    /// Runs the container until it stops for good. `reportStarted` is called once, when the
    /// first start succeeded or failed (the `run -d` command waits for it).
    public func supervise(_ created: ContainerRecord, reportStarted: @escaping @Sendable (Result<ContainerRecord, any Error>) -> Void) {
        var record = created
        var first = true
        var delay: UInt32 = 100
        if created.config.interactive { Self.holdStandardInputOpen() }
        // `-i` without `-t`: the input `attach` writes to, kept open across restarts.
        let input = created.config.interactive && !created.config.tty ? ContainerStdin(runner.store.paths(for: created.id)) : nil
        defer { input?.close() }
        while true {
            let paths = runner.store.paths(for: record.id)
            let log: ContainerLogWriter
            do {
                log = try ContainerLogWriter(path: ContainerLog.path(paths), config: record.config.logConfig ?? .jsonFile)
            } catch {
                // Removed (`rm -f`) between its create and this start: what `start` would say.
                let removed = access(paths.directory, F_OK) != 0
                if first { reportStarted(.failure(removed ? RuntimeError(code: .notFound, "No such container: \(record.id.short)") : error)) }
                return
            }
            let isFirst = first
            let health = Mutex<HealthMonitor?>(nil)
            let store = runner.store
            let io = ContainerIO(standardInput: input?.containerEnd, standardOutput: log.standardOutput, standardError: log.standardError,
                                 started: { started in
                                     health.withLock { $0 = Self.startHealthchecks(started, store: store) }
                                     if isFirst { reportStarted(.success(started)) }
                                 },
                                 exited: { health.withLock { $0?.stop(); $0 = nil } })
            let outcome: ContainerRunner.Outcome
            do {
                outcome = try runner.start(record, io: io)
            } catch {
                health.withLock { $0?.stop(); $0 = nil }
                log.finish()
                if first { reportStarted(.failure(error)) }
                return
            }
            health.withLock { $0?.stop(); $0 = nil }
            log.finish()
            first = false
            record = outcome.record
            let count = record.restartCount
            guard !record.stopRequested, !record.config.autoRemove,
                  record.config.restartPolicy.restarts(after: outcome.exitCode, count: count) else { return }
            // Docker's back-off: wait 100 ms, doubling each time, before starting again.
            usleep(delay * 1000)
            delay = min(delay * 2, 60_000)
            guard var latest = try? runner.store.load(record.id), !latest.stopRequested else { return }
            latest.restartCount = count + 1
            record = latest
        }
    }

    /// Docker's daemon holds a detached container's stdin open (`run -di`, `-dit`) until someone
    /// attaches, so `docker run -dit busybox sh` keeps its shell waiting. This monitor's own stdin
    /// is /dev/null, whose end of file would end that shell at once; it becomes instead a pipe
    /// whose write end the monitor keeps, unwritten, for as long as it lives (close-on-exec, so no
    /// container holds it).
    static func holdStandardInputOpen() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        dup2(ends[0], STDIN_FILENO)
        close(ends[0])
    }

    /// Probes the container's health while it runs, if it has a healthcheck.
    private static func startHealthchecks(_ started: ContainerRecord, store: ContainerStore) -> HealthMonitor? {
        guard let startedAt = started.state.process?.startedAt else { return nil }
        let id = started.id
        return HealthMonitor.start(started.config.healthcheck, paths: store.paths(for: id), startedAt: startedAt,
                                   isPaused: { (try? store.load(id))?.state.isPaused == true },
                                   probe: HealthMonitor.execProbe(root: store.root, id: id))
    }
}
