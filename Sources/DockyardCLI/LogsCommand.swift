import ArgumentParser
import ContainerRuntime
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard logs`: what a detached container wrote, from the log its monitor keeps.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Fetch the logs of a container.")

    @Flag(name: [.short, .long], help: "Follow log output.") var follow = false
    @Option(name: .long, help: "Number of lines to show from the end of the logs (or all).") var tail: String = "all"
    @Flag(name: [.short, .long], help: "Show timestamps.") var timestamps = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String

    func validate() throws {
        guard tail == "all" || Int(tail).map({ $0 >= 0 }) == true else {
            throw ValidationError("invalid argument \"\(tail)\" for \"-n, --tail\" flag: expected a number or all")
        }
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let record: ContainerRecord
        do { record = try engine.containers.find(container) } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
        let path = ContainerLog.path(engine.containers.paths(for: record.id))
        var (entries, offset) = ContainerLog.read(path)
        if let count = Int(tail) { entries = Array(entries.suffix(count)) }
        entries.forEach(show)
        guard follow else { return }
        // Follow until the container has exited and its monitor has written the last line.
        while true {
            let (more, end) = ContainerLog.read(path, from: offset)
            more.forEach(show)
            offset = end
            let current = try? engine.containers.load(record.id)
            if current?.state.isRunning != true && more.isEmpty { return }
            usleep(100_000)
        }
    }

    private func show(_ entry: ContainerLog.Entry) {
        let text = (timestamps ? entry.time + " " : "") + entry.log
        if entry.stream == "stderr" {
            StandardError.write(text)
        } else {
            print(text, terminator: "")
        }
    }
}
