import ArgumentParser
import ImageStore

/// `dockyard image prune`: delete dangling images (no tag left) and every blob and unpacked
/// layer nothing references; with `-a`, every image no container uses.
struct ImagePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused images.")

    @Flag(name: [.short, .long], help: "Remove all unused images, not just dangling ones.") var all = false
    @Flag(name: [.short, .long], help: "Do not prompt for confirmation.") var force = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                          : "WARNING! This will remove all dangling images."
        guard PruneConfirmation.confirmed(warning, force: force) else { return }
        let report = try Self.prune(all: all, storage: storage)
        print("Total reclaimed space: \(DockerUnits.humanSize(report.reclaimedBytes))")
    }

    /// Deletes the images and prints what went, as Docker lists it; `system prune` runs it too.
    static func prune(all: Bool, storage: StorageOptions) throws -> RemovalReport {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let report: RemovalReport
        do { report = try engine.images().prune(all: all, containers: engine.containerUses()) } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
        if !report.untagged.isEmpty || !report.deleted.isEmpty {
            print("Deleted Images:")
            for tag in report.untagged { print("untagged: \(tag)") }
            for digest in report.deleted { print("deleted: \(digest)") }
            print("")
        }
        return report
    }
}
