import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard start`: start a created or stopped container again, on its kept writable layer.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more stopped containers.")

    @Flag(name: [.short, .long], help: "Attach stdout and stderr, and wait for the container to exit.") var attach = false
    @Option(name: .long, help: ArgumentHelp("Print every kernel object as it is created (text or json), on stderr.",
                                            valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        for name in containers {
            var record = try ContainerControl.find(name, in: engine)
            if record.status == .running { print(name); continue }
            record.stopRequested = nil
            if attach {
                let outcome: ContainerRunner.Outcome
                do { outcome = try engine.runner.start(record, io: ContainerIO()) } catch {
                    throw failWithDockerStatus(error)
                }
                if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
            } else {
                try DetachedStart.start(record, root: engine.root, explain: explain)
                print(name)
            }
        }
    }
}

/// `dockyard restart`: stop, then start again.
struct RestartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart one or more containers.")

    @Option(name: [.short, .long], help: "Seconds to wait before killing the container.") var time: Int = 10
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        for name in containers {
            let record = try ContainerControl.find(name, in: engine)
            try ContainerControl.stop(record, in: engine, timeout: Double(max(0, time)))
            guard var stopped = try? engine.containers.load(record.id) else { continue }
            stopped.stopRequested = nil
            try DetachedStart.start(stopped, root: engine.root, explain: nil)
            print(name)
        }
    }
}
