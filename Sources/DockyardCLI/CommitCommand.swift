import ArgumentParser
import ContainerRuntime
import Explain
import FoundationEssentials
import ImageStore
import OCI

/// `dockyard commit CONTAINER NAME[:TAG]`: the container's writable layer (its overlayfs
/// upperdir) becomes one more layer on its image; whiteouts become OCI `.wh.` entries.
/// As in Docker, the image's Cmd becomes the container's command. The mount points the runtime
/// made are left out (from a stopped container; a running one keeps them, its mounts use them).
struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit", abstract: "Create a new image from a container's changes.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String
    @Argument(help: "The new image's name.") var repository: String

    func run() throws {
        let root = storage.resolvedRoot
        let containers = ContainerStore(root: root)
        do {
            let record = try containers.find(container)
            let tag = try ImageReference(parsing: repository)
            let store = try ImageStore(root: root)
            let base = try store.images().first { $0.id.string == record.config.imageID }
                ?? store.resolve(record.config.image, events: DiscardingSink())
            let upper = containers.paths(for: record.id).upperdir
            let below = LayerStack(layers: record.config.lowerdirs)
            if !record.state.isRunning { MountPointCleaner.clean(upper: upper, below: below) }
            let written = try store.writeLayer(fromDirectory: upper)

            var config = base.config
            config.rootfs.diffIDs.append(written.diffID)
            let created = Date().formatted(.iso8601)
            config.created = created
            config.history = (config.history ?? []) + [
                ImageConfiguration.History(created: created, createdBy: record.config.commandLine, comment: "dockyard commit"),
            ]
            if config.config?.entrypoint?.isEmpty ?? true { config.config?.cmd = record.config.argv }
            let image = try store.commit(config: config, layers: base.manifest.layers + [written.descriptor], tags: [tag])
            print(image.id.string)
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }
}
