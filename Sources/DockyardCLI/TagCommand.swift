import ArgumentParser
import ImageStore
import OCI

/// `dockyard tag`: give an image another name. A tag is only an entry in the store's index.json
/// pointing at a manifest; nothing is copied.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The image to tag, by name, ID or ID prefix.") var source: String
    @Argument(help: "The new name, NAME[:TAG] (TAG defaults to latest).") var target: String

    func run() throws {
        let reference: ImageReference
        do { reference = try ImageReference(parsing: target) } catch {
            StandardError.line("Error parsing reference: \"\(target)\" is not a valid repository/tag: \(error)")
            throw ExitCode(1)
        }
        guard reference.digest == nil else {
            StandardError.line("Error response from daemon: refusing to create a tag with a digest reference")
            throw ExitCode(1)
        }
        do {
            let engine = Engine(root: storage.resolvedRoot)
            let match = try engine.image(named: source)
            try engine.images().tag(match.image, as: reference)
        } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
    }
}
