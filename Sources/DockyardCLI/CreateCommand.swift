import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard create`: the first half of `run` — the container's record, with everything its flags
/// and image resolve to, in state "created"; nothing in the kernel exists until `start`. It takes
/// `run`'s own flags (the same option set, not a copy), and refuses the two that only mean
/// something to a run: `-d` and `--simulate`.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a new container.",
        discussion: "Takes the flags of run. The container starts with `dockyard start`.",
        helpNames: [.long])

    @OptionGroup var options: RunCommand

    func validate() throws {
        try options.validate()
        if options.detach { throw ValidationError("unknown shorthand flag: 'd' in -d") }
        if options.simulate { throw ValidationError("unknown flag: --simulate") }
    }

    func run() throws {
        let events = options.explain?.renderer ?? DiscardingSink()
        let engine = Engine(root: options.storage.resolvedRoot, events: events)
        do {
            engine.sweep()
            let request = try options.containerRequest(engine: engine, events: events)
            let record = try options.created(request, by: engine.runner, containerIDFile: try options.openContainerIDFile())
            print(record.id.full)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failWithDockerStatus(error)
        }
    }
}
