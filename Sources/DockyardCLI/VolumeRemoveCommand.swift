import ArgumentParser
import ContainerRuntime

/// `dockyard volume rm NAME...`: delete volumes and their data; one a container uses is refused.
struct VolumeRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more volumes.", aliases: ["remove"])

    @Flag(name: [.short, .long], help: "Remove even if a stopped container refers to it.") var force = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Volume names.") var names: [String]

    func run() throws {
        let root = storage.resolvedRoot
        let store = VolumeStore(root: root)
        let containers = ContainerStore(root: root).all()
        var failed = false
        for name in names {
            let users = containers.filter { $0.config.mounts.contains { $0.kind == .volume && $0.source == name } }
            do {
                if let user = users.first(where: { $0.state.isRunning || !force }) {
                    throw RuntimeError(code: .conflict, "remove \(name): volume is in use - [\(user.id.full)]")
                }
                try store.remove(name)
                print(name)
            } catch {
                StandardError.line("Error response from daemon: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
