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

    /// Several names at once and in argument order, as Docker's client does (`ContainerBatch`):
    /// each removed name on stdout, each failure on stderr, the others still removed, status 1.
    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        let lifecycle = engine.lifecycle
        let lookup = ContainerLookup(store: engine.containers)
        let (force, volumes) = (force, volumes)
        try ContainerControl.eachName(containers, width: explain == nil ? ContainerBatch.width : 1) { name in
            try lifecycle.remove(name, force: force, volumes: volumes, in: lookup)
        }
    }
}
