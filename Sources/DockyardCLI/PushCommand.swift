import ArgumentParser
import Explain
import OCI
import Registry

/// `dockyard push`: send an image's layers, config and manifest to a registry, as `docker push`.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Upload an image to a registry.",
        discussion: """
        The name says where: localhost:5000/team/app:v1 goes to the registry at localhost:5000, \
        busybox to Docker Hub. Blobs the registry has are skipped, blobs another repository of the \
        same registry has are mounted from it, the rest are uploaded (layers Dockyard built are \
        gzip-compressed once, deterministically), and the manifest goes last. --explain shows each \
        HTTP exchange and token.
        """)

    @Flag(name: [.short, .long], help: "Suppress verbose output.") var quiet = false
    @Option(name: .long, help: ArgumentHelp("Show each HTTP exchange and token (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions

    @Argument(help: "NAME[:TAG]") var name: String

    func run() throws {
        let events = explain?.renderer ?? DiscardingSink()
        do {
            let reference = try ImageReference(parsing: name)
            let engine = Engine(root: storage.resolvedRoot, events: events)
            let transfer = try RegistryAccess.transfer(store: try engine.images(), events: events, quiet: quiet)
            let progress = transfer.progress
            let pusher = ImagePusher(transfer)
            if RegistryAccess.usesDefaultTag(name) {
                progress.say("Using default tag: \(ImageReference.defaultTag)")
            }
            let shown = reference.registry == ImageReference.dockerHub ? reference.fullyQualifiedName : reference.name
            progress.say("The push refers to repository [\(shown)]")
            let outcome = try pusher.push(reference)
            progress.say("\(reference.tag ?? ImageReference.defaultTag): digest: \(outcome.digest) size: \(outcome.size)")
            if quiet { StandardOutput.write(reference.description + "\n") }
        } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
    }
}
