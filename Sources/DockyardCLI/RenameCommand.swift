import ArgumentParser
import ContainerRuntime

/// `dockyard rename`: give a container another name, as `docker rename` does (its record only;
/// the name a running container's peers resolve is the one it started with).
struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a container.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String
    @Argument(help: "Its new name.") var newName: String

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        do { try engine.lifecycle.rename(container, to: newName) } catch {
            throw ContainerControl.daemonError(error)
        }
    }
}
