import ArgumentParser
import Explain
import ImageStore
import OCI
import Registry

/// `dockyard pull`: fetch an image from a registry into the store, as `docker pull` does.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Download an image from a registry.",
        discussion: """
        Names are read as Docker reads them: busybox is docker.io/library/busybox:latest on \
        registry-1.docker.io; a first component with a '.', a ':' or 'localhost' is a registry \
        (localhost:5000/app). Credentials come from Docker's config.json (dockyard login or docker \
        login). Every manifest, config and layer is checked against its digest, and every layer \
        entry as 'load' checks it, before anything enters the store. --explain shows each HTTP \
        exchange, token and verification.
        """)

    @Flag(name: [.short, .customLong("all-tags")], help: "Download all tagged images in the repository.") var allTags = false
    @Option(name: .long, help: ArgumentHelp("Set platform if server is multi-platform capable.", valueName: "os/arch[/variant]"))
    var platform: String?
    @Flag(name: .customLong("all-platforms"), help: "From a multi-platform index, pull every platform's image (only this host's is unpacked), so push can send the whole index on.")
    var allPlatforms = false
    @Flag(name: [.short, .long], help: "Suppress verbose output.") var quiet = false
    @Option(name: .long, help: ArgumentHelp("Show each HTTP exchange, token and verification (text or json), on stderr.",
                                            valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions

    @Argument(help: "NAME[:TAG|@DIGEST]") var name: String

    func run() throws {
        let events = explain?.renderer ?? DiscardingSink()
        do {
            let reference = try ImageReference(parsing: name)
            let choice = try platform.map { try PlatformChoice(parsing: $0) } ?? .host
            let engine = Engine(root: storage.resolvedRoot, events: events)
            let puller = try RegistryAccess.puller(store: try engine.images(), events: events, quiet: quiet)
            let references = allTags ? try tags(of: reference, puller: puller) : [reference]
            for each in references {
                try RegistryAccess.pull(each, sayingDefaultTag: !allTags && RegistryAccess.usesDefaultTag(name), puller: puller,
                                        platform: choice, allPlatforms: allPlatforms, quiet: quiet, say: { StandardOutput.write($0 + "\n") })
            }
            StandardOutput.write((allTags ? reference.fullyQualifiedName : fullName(reference)) + "\n")
        } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
    }

    /// Every tag of the repository (`-a`), from `GET /v2/<name>/tags/list`.
    private func tags(of reference: ImageReference, puller: ImagePuller) throws -> [ImageReference] {
        guard RegistryAccess.usesDefaultTag(name) else {
            throw RegistryError(.unsupported, "tag can't be used with --all-tags/-a")
        }
        return try puller.transfer.client(for: reference).tags(reference).map { try reference.withTag($0) }
    }

    /// `docker.io/library/busybox:latest`: the last line Docker prints.
    private func fullName(_ reference: ImageReference) -> String {
        reference.fullyQualifiedName + (reference.tag.map { ":" + $0 } ?? "") + (reference.digest.map { "@" + $0.string } ?? "")
    }
}
