import ArgumentParser
import ContainerRuntime

/// `dockyard diff CONTAINER`: what the container changed in its writable layer (`ContainerChanges`).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Inspect changes to files or directories on a container's filesystem.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String

    func run() throws {
        let containers = ContainerStore(root: storage.resolvedRoot)
        let record: ContainerRecord
        do { record = try containers.find(container) } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
        for change in ContainerChanges.list(upper: containers.paths(for: record.id).upperdir, lowerdirs: record.config.lowerdirs) {
            print(change)
        }
    }
}
