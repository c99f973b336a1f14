import ArgumentParser
import ContainerRuntime
import ImageStore

/// `dockyard volume prune`: remove the volumes no container refers to — only anonymous ones
/// (`-v /path`) unless `-a`, as Docker since 23.0.
struct VolumePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused local volumes.")

    @Flag(name: [.short, .long], help: "Remove all unused volumes, not just anonymous ones.") var all = false
    @Flag(name: [.short, .long], help: "Do not prompt for confirmation.") var force = false
    @OptionGroup var storage: StorageOptions

    static func warning(all: Bool) -> String {
        "WARNING! This will remove \(all ? "all local volumes" : "anonymous local volumes") not used by at least one container."
    }

    func run() throws {
        guard PruneConfirmation.confirmed(Self.warning(all: all), force: force) else { return }
        let reclaimed = Self.prune(all: all, root: storage.resolvedRoot)
        print("Total reclaimed space: \(DockerUnits.humanSize(reclaimed))")
    }

    /// Removes the unused volumes, prints their names under Docker's heading, and returns the
    /// bytes they held.
    static func prune(all: Bool, root: String) -> Int64 {
        let volumes = VolumeStore(root: root)
        let used = Set(ContainerStore(root: root).all().flatMap { $0.config.mounts.filter { $0.kind == .volume }.map(\.source) })
        var removed: [String] = []
        var reclaimed: Int64 = 0
        for volume in volumes.all() where !used.contains(volume.name) && (all || VolumeStore.isAnonymousName(volume.name)) {
            let size = volumes.size(volume.name)
            guard (try? volumes.remove(volume.name)) != nil else { continue }
            removed.append(volume.name)
            reclaimed += size
        }
        if !removed.isEmpty { print("Deleted Volumes:\n" + removed.joined(separator: "\n") + "\n") }
        return reclaimed
    }
}
