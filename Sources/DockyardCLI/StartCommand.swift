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
            _ = try ContainerControl.find(name, in: engine)
            if attach {
                let outcome: ContainerRunner.Outcome?
                do { outcome = try engine.lifecycle.startAttached(name, io: ContainerIO()) } catch {
                    throw failWithDockerStatus(error)
                }
                guard let outcome else { print(name); continue }
                if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
            } else {
                do { try engine.lifecycle.startDetached(name, monitor: engine.detachedStart(explain: explain)) }
                catch let failure as DetachedStart.Failure { throw failure.exitCode }
                print(name)
            }
        }
    }
}

/// `dockyard restart`: stop, then start again.
struct RestartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart one or more containers.")

    @Option(name: [.short, .long], help: "Seconds to wait before killing the container (default: its --stop-timeout, or 10).")
    var time: Int?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        for name in containers {
            _ = try ContainerControl.find(name, in: engine)
            let restarted: Bool
            do { restarted = try engine.lifecycle.restart(name, timeout: time, monitor: engine.detachedStart(explain: nil)) }
            catch let failure as DetachedStart.Failure { throw failure.exitCode }
            if restarted { print(name) }
        }
    }
}
