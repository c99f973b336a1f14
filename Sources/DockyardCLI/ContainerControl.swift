import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// What stop, kill, wait, start and restart share: finding containers and waiting for them.
enum ContainerControl {
    static func find(_ name: String, in engine: Engine) throws -> ContainerRecord {
        do { return try engine.containers.find(name) } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }

    /// Waits until the container's monitor (or foreground dockyard) has recorded its exit.
    /// Returns the record, or nil on timeout.
    static func waitForExit(_ id: ContainerID, in engine: Engine, seconds: Double?) -> ContainerRecord? {
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        while true {
            engine.sweep()
            guard let record = try? engine.containers.load(id) else { return nil }
            if record.status != .running { return record }
            if let deadline, Date() > deadline { return nil }
            usleep(20_000)
        }
    }

    /// Signal numbers by Docker's names: `TERM`, `SIGTERM` or `15`.
    static func signal(named text: String) -> Int32? {
        Signal.number(named: text)
    }

    /// A paused container's processes are frozen and cannot handle a signal: thaw them first.
    static func thawIfPaused(_ record: inout ContainerRecord, in engine: Engine) {
        guard record.paused == true else { return }
        try? engine.runner.cgroups.manager(for: record.id).setFrozen(false, kernel: engine.kernel)
        record.paused = nil
        try? engine.containers.save(record)
    }

    /// Asks the container to stop (its stop signal, then SIGKILL after `timeout` seconds), and
    /// marks it so its monitor does not restart it.
    static func stop(_ record: ContainerRecord, in engine: Engine, timeout: Double) throws {
        guard record.status == .running, let pid = record.pid else { return }
        var marked = record
        thawIfPaused(&marked, in: engine)
        marked.stopRequested = true
        try engine.containers.save(marked)
        try? engine.kernel.signal(pid: pid, SIGTERM)
        if waitForExit(record.id, in: engine, seconds: timeout) == nil {
            try? engine.kernel.signal(pid: pid, SIGKILL)
            _ = waitForExit(record.id, in: engine, seconds: nil)
        }
    }
}
