import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// What Docker's engine does for `stop`, `kill`, `start`, `restart`, `pause`, `unpause`, `wait` and
/// `rm`, by a container's name or id: each reads the container's record, acts on its process or
/// cgroup, and writes what changed. The CLI only calls these and prints what they return.
/// (There is no daemon: the container's monitor, or the foreground `run`, waits for its exit.)
public struct ContainerLifecycle: Sendable {
    public let runner: ContainerRunner

    public init(runner: ContainerRunner) {
        self.runner = runner
    }

    var store: ContainerStore { runner.store }
    var kernel: any Kernel { runner.kernel }

    /// The container by full id, unique id prefix, or name; through `lookup` when a command
    /// resolves many names over one reading of the store.
    public func find(_ nameOrID: String, in lookup: ContainerLookup? = nil) throws -> ContainerRecord {
        try lookup?.find(nameOrID) ?? store.find(nameOrID)
    }

    /// `docker wait`: blocks until the container's monitor (or foreground dockyard) has recorded
    /// that it is not running, and returns that record; nil on timeout or when it was removed.
    /// Each round also sweeps this container, so one whose dockyard died is finished off, not
    /// waited on forever (the others are not this wait's business: sweeping the whole store at
    /// every round made a `stop` of n containers read n² records).
    public func waitForExit(_ id: ContainerID, seconds: Double?) -> ContainerRecord? {
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        let janitor = ContainerJanitor(store: store, kernel: kernel)
        while true {
            janitor.sweep(id)
            guard let record = try? store.load(id) else { return nil }
            if !record.state.isRunning { return record }
            if let deadline, Date() > deadline { return nil }
            usleep(20_000)
        }
    }

    /// Writes the record with the change `update` makes (on the latest version on disk, which
    /// the monitor may have changed meanwhile).
    @discardableResult
    func update(_ id: ContainerID, _ change: (inout ContainerRecord) -> Void) throws -> ContainerRecord {
        var record = try store.load(id)
        change(&record)
        try store.save(record)
        return record
    }

    /// A paused container's processes are frozen and cannot handle a signal: thaw them first.
    func thawIfPaused(_ record: ContainerRecord) throws {
        guard case let .paused(process) = record.state else { return }
        try? runner.cgroups.manager(for: record).setFrozen(false, kernel: kernel)
        try update(record.id) { $0.state = .running(process) }
    }

    /// Puts a container event on the engine's event stream (`EventJournal`).
    func journal(_ action: String, _ record: ContainerRecord, _ attributes: [String: String] = [:]) {
        runner.host.journal(.container(action, record, attributes), in: store)
    }

    static func notRunning(_ record: ContainerRecord) -> RuntimeError {
        RuntimeError(code: .notRunning, "Container \(record.id.full) is not running")
    }
}
