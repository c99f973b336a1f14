import ArgumentParser
import ContainerRuntime
import Explain
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard _monitor ID`: the per-container monitor that `run -d` and `start` leave running.
/// Not for people to type; `ContainerMonitor` says what it does. It reports on fd 3, one line
/// each: `E ` and an explain event already rendered (text or JSON) until the container has
/// started, then `started` or `failed STATUS MESSAGE`, and closes fd 3.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_monitor", abstract: "Supervise a detached container (started by run -d).", shouldDisplay: false)

    @OptionGroup var storage: StorageOptions
    @Option(name: .long, help: "Report explain events on the status channel.") var explain: ExplainMode?
    @Argument(help: "The container's id.") var id: String

    static let statusFD: Int32 = 3

    func run() throws {
        let channel = StatusChannel(fd: Self.statusFD)
        let events: any EventSink = switch explain {
        case .text?: TextRenderer(write: { channel.send("E " + $0) })
        case .json?: JSONLinesRenderer(write: { channel.send("E " + $0) })
        case nil: DiscardingSink()
        }
        let engine = Engine(root: storage.resolvedRoot, events: events)
        let record: ContainerRecord
        do {
            record = try engine.containers.find(id)
        } catch {
            channel.finish("failed 125 \(error)")
            throw ExitCode(125)
        }
        ContainerMonitor(runner: engine.runner).supervise(record) { result in
            switch result {
            case .success: channel.finish("started")
            case let .failure(error): channel.finish("failed \(DockerExitStatus.status(for: error)) \(error)")
            }
        }
    }
}

/// The monitor's side of the status pipe; after the final line nothing more is written.
final class StatusChannel: Sendable {
    private let fd: Mutex<Int32?>

    init(fd: Int32) {
        self.fd = Mutex(fd)
    }

    func send(_ text: String) {
        fd.withLock { fd in
            guard let fd else { return }
            var text = text
            _ = text.withUTF8 { write(fd, $0.baseAddress, $0.count) }
        }
    }

    func finish(_ line: String) {
        send(line + "\n")
        fd.withLock { fd in
            if let open = fd { close(open) }
            fd = nil
        }
    }
}
