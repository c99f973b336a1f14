import ArgumentParser
import ContainerRuntime
import ImageStore

/// `dockyard diff CONTAINER`: what the container changed, read from its writable layer (the
/// overlayfs upperdir) against the image's layers: A added, C changed, D deleted (a whiteout).
/// The mount points the runtime made (/etc/hosts, /proc, …) are not the container's changes.
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
        let upper = containers.paths(for: record.id).upperdir
        let below = LayerStack(layers: record.lowerdirs)
        let runtimeMade = Set(MountPointCleaner.runtimeMade(upper: upper, below: below))
        for change in LayerChanges.list(upper: upper, below: below) where !runtimeMade.contains(String(change.dropFirst(2))) {
            print(change)
        }
    }
}
