import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard rm`: remove containers and their writable layers, like `docker rm`.
struct RmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more containers.")

    @Flag(name: [.short, .long], help: "Force the removal of a running container (uses SIGKILL).") var force = false
    @Flag(name: [.short, .long], help: "Remove anonymous volumes associated with the container.") var volumes = false
    @Option(name: .long, help: ArgumentHelp("Print what is removed (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        var failed = false
        for name in containers {
            do {
                try engine.lifecycle.remove(name, force: force, volumes: volumes)
                print(name)
            } catch {
                StandardError.line("Error response from daemon: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
