import ArgumentParser
import ContainerRuntime
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard logs`: what a detached container wrote, from the log its monitor keeps (rotated
/// files included), like `docker logs`. Every line is written to stdout or stderr with write(2)
/// as it is read, never held in a buffer: `logs -f | cat` shows each line as the container
/// prints it, and Ctrl-C or a closed pipe loses nothing already read.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Fetch the logs of a container.")

    @Flag(name: [.short, .long], help: "Follow log output.") var follow = false
    @Option(name: .long, help: "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).")
    var since: String?
    @Option(name: .long, help: "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).")
    var until: String?
    @Option(name: [.customShort("n"), .long], help: "Number of lines to show from the end of the logs (or all).") var tail: String = "all"
    @Flag(name: [.short, .long], help: "Show timestamps.") var timestamps = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String

    func validate() throws {
        guard tail == "all" || Int(tail).map({ $0 >= 0 }) == true else {
            throw ValidationError("invalid argument \"\(tail)\" for \"-n, --tail\" flag: expected a number or all")
        }
    }

    func run() throws {
        let filter = LogWindow(since: try Self.time(since, flag: "since"), until: try Self.time(until, flag: "until"))
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let record = try ContainerControl.find(container, in: engine)
        guard record.config.logConfig?.keepsLogs != false else {
            throw ContainerControl.daemonError(RuntimeError(code: .invalidArgument, "configured logging driver does not support reading"))
        }
        let reader = ContainerLogReader(path: ContainerLog.path(engine.containers.paths(for: record.id)))
        var entries = reader.history().filter(filter.contains)
        if let count = Int(tail) { entries = Array(entries.suffix(count)) }
        guard entries.allSatisfy(show) else { return }
        guard follow else { return }
        // Follow until the container has exited and its monitor has written the last line, or
        // until --until has passed.
        while !filter.isOver(now: LogTime(Date())) {
            let more = reader.more()
            guard more.filter(filter.contains).allSatisfy(show) else { return }
            // A reader that went away (`logs -f | head -1`) ends it even while nothing new comes.
            if Self.outputClosed() { return }
            let current = try? engine.containers.load(record.id)
            if current?.state.isRunning != true && more.isEmpty { return }
            usleep(50_000)
        }
    }

    /// A `--since`/`--until` value, or Docker's client error for one it cannot read.
    private static func time(_ value: String?, flag: String) throws -> LogTime? {
        guard let value else { return nil }
        do { return try LogTime.parse(value) } catch {
            StandardError.line("invalid value for \"\(flag)\": \(error)")
            throw ExitCode(1)
        }
    }

    /// Whether stdout's reader has gone: a pipe whose read end was closed polls as POLLERR.
    private static func outputClosed() -> Bool {
        var output = pollfd(fd: 1, events: 0, revents: 0)
        return poll(&output, 1, 0) > 0 && output.revents & Int16(POLLERR | POLLHUP) != 0
    }

    /// Writes one line; false once stdout or stderr is gone (the reader closed the pipe).
    private func show(_ entry: ContainerLog.Entry) -> Bool {
        let text = (timestamps ? entry.time + " " : "") + entry.log
        return StandardError.write(text, to: entry.stream == "stderr" ? 2 : 1)
    }
}

/// `--since` and `--until`: Docker shows a line unless it is older than since or newer than until.
struct LogWindow {
    var since: LogTime?
    var until: LogTime?

    func contains(_ entry: ContainerLog.Entry) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let time = LogTime.calendarTime(entry.time) else { return false }
        if let since, time < since { return false }
        if let until, time > until { return false }
        return true
    }

    func isOver(now: LogTime) -> Bool {
        until.map { now > $0 } ?? false
    }
}
