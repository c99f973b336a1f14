import ArgumentParser
import ContainerRuntime
import ImageStore

/// `dockyard container prune`: remove every container that is not running (created or exited),
/// with its writable layer, as `docker container prune` does.
struct ContainerPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove all stopped containers.")

    @Flag(name: [.short, .long], help: "Do not prompt for confirmation.") var force = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        guard PruneConfirmation.confirmed("WARNING! This will remove all stopped containers.", force: force) else { return }
        let reclaimed = Self.prune(engine: Engine(root: storage.resolvedRoot))
        print("Total reclaimed space: \(DockerUnits.humanSize(reclaimed))")
    }

    /// Removes the stopped containers, prints their ids under Docker's heading, and returns the
    /// bytes their writable layers held.
    static func prune(engine: Engine) -> Int64 {
        engine.sweep()
        var removed: [String] = []
        var reclaimed: Int64 = 0
        for record in engine.containers.all() where !record.state.isRunning {
            let size = DirectorySize.bytes(under: engine.containers.paths(for: record.id).upperdir)
            do { try engine.lifecycle.remove(record.id.full, force: false) } catch { continue }
            removed.append(record.id.full)
            reclaimed += size
        }
        if !removed.isEmpty { print("Deleted Containers:\n" + removed.joined(separator: "\n") + "\n") }
        return reclaimed
    }
}
