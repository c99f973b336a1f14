import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

extension ContainerLifecycle {
    /// `docker stop`: the container's stop signal — `signal`, else `run --stop-signal` or the image's
    /// STOPSIGNAL, else SIGTERM — then SIGKILL once `timeout` seconds pass (else `run --stop-timeout`,
    /// else 10). Marks it first so its monitor does not restart it. Returns the record after the exit;
    /// a container that is not running is left as it is.
    @discardableResult
    public func stop(_ nameOrID: String, signal: Int32? = nil, timeout: Int? = nil,
                     in lookup: ContainerLookup? = nil) throws -> ContainerRecord {
        let record = try find(nameOrID, in: lookup)
        guard let process = record.state.process else { return record }
        try thawIfPaused(record)
        try update(record.id) { $0.stopRequested = true }
        let first = signal ?? record.config.stopSignal ?? ContainerConfiguration.defaultStopSignal
        let seconds = max(0, timeout ?? record.config.stopTimeout ?? ContainerConfiguration.defaultStopTimeout)
        // Signalled while dockyard still sets it up, it would end before its command ran, and its
        // `run -d` would report a failed start instead of a container that started and was stopped.
        ProcessImage.waitUntilExeced(pid: process.pid)
        try? kernel.signal(pid: process.pid, first)
        journal("kill", record, ["signal": String(first)])
        var exited = waitForExit(record.id, seconds: Double(seconds))
        if exited == nil {
            try? kernel.signal(pid: process.pid, SIGKILL)
            journal("kill", record, ["signal": String(SIGKILL)])
            exited = waitForExit(record.id, seconds: nil)
        }
        journal("stop", record)
        return exited ?? record
    }

    /// `docker kill`: sends `signal` to the container's first process. SIGKILL and SIGTERM mean
    /// "end it", so the monitor is told not to restart it; other signals are the program's business.
    public func kill(_ nameOrID: String, signal: Int32, in lookup: ContainerLookup? = nil) throws {
        let record = try find(nameOrID, in: lookup)
        guard let process = record.state.process else {
            throw RuntimeError(code: .notRunning,
                               "Cannot kill container: \(nameOrID): Container \(record.id.full) is not running")
        }
        try thawIfPaused(record)
        if signal == SIGKILL || signal == SIGTERM {
            try update(record.id) { $0.stopRequested = true }
        }
        ProcessImage.waitUntilExeced(pid: process.pid)   // as `stop` does
        try kernel.signal(pid: process.pid, signal)
        journal("kill", record, ["signal": String(signal)])
    }
}
