import ArgumentParser
import ImageStore

/// `dockyard rmi` (and `dockyard image rm`): untag images and delete the ones left without a
/// tag, with every blob and unpacked layer no other image or container needs.
struct RmiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rmi", abstract: "Remove one or more images.",
        discussion: "An image a container uses is refused unless --force; one a running container uses is only untagged.")

    @Flag(name: [.short, .long], help: "Force removal of the image.") var force = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Images, by name, ID or ID prefix.") var images: [String]

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("\"rmi\" requires at least 1 argument.") }
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let store = try engine.images()
        try DaemonResponse.forEach(images) { name in
            let report = try store.remove(name, force: force, containers: engine.containerUses())
            for tag in report.untagged { print("Untagged: \(tag)") }
            for digest in report.deleted { print("Deleted: \(digest)") }
        }
    }
}
