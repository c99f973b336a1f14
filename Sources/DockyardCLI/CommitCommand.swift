import ArgumentParser
import Builder
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

    @Option(name: [.short, .long], help: ArgumentHelp("Apply a Dockerfile instruction to the image's config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, …).",
                                                      valueName: "instruction"))
    var change: [String] = []
    @Option(name: [.short, .long], help: "Commit message (the new history entry's comment).") var message: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Author (e.g. \"Jane Doe <jane@example.com>\").", valueName: "author"))
    var author: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Freeze the container while its layer is read (true or false).", valueName: "bool"))
    var pause: Bool = true
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
            // The config first: a refused --change costs no layer.
            var config = base.config
            let created = Date().formatted(.iso8601)
            config.created = created
            config.author = author ?? config.author
            config.history = (config.history ?? []) + [
                ImageConfiguration.History(created: created, createdBy: record.config.commandLine, author: author,
                                           comment: message ?? "dockyard commit"),
            ]
            if config.config?.entrypoint?.isEmpty ?? true { config.config?.cmd = record.config.argv }
            config = try ImageConfigChanges.apply(change, to: config)

            let written = try writeLayer(of: record, in: containers, to: store, root: root)
            config.rootfs.diffIDs.append(written.diffID)
            let image = try store.commit(config: config, layers: base.manifest.layers + [written.descriptor], tags: [tag])
            print(image.id.string)
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }

    /// The container's writable layer (its overlayfs upperdir) as a layer in the store. A running
    /// container is frozen through its cgroup meanwhile, so the layer is one moment's files, not
    /// a mix of before and after a write (Docker's default; --pause=false skips it).
    private func writeLayer(of record: ContainerRecord, in containers: ContainerStore, to store: ImageStore,
                            root: String) throws -> WrittenLayer {
        let upper = containers.paths(for: record.id).upperdir
        if !record.state.isRunning { MountPointCleaner.clean(upper: upper, below: LayerStack(layers: record.config.lowerdirs)) }
        guard pause, case .running = record.state else { return try store.writeLayer(fromDirectory: upper) }
        let lifecycle = Engine(root: root).lifecycle
        try lifecycle.pause(record.id.full)
        defer { try? lifecycle.unpause(record.id.full) }
        return try store.writeLayer(fromDirectory: upper)
    }
}
