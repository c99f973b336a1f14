import ArgumentParser
import Explain
import FoundationEssentials
import Lessons
import OCI
import Registry

/// `dockyard lessons prove REF`: what lesson 13's `in-registry` check asks before it believes a
/// push. As a pull would, but keeping nothing, it fetches REF's manifest and every blob it names,
/// hashes each as it streams in, and prints one JSON `RegistryProof`: the digests proved, or the
/// first object that failed and why. Hidden: the lesson player runs it, with a time limit, so a
/// registry that never finishes answering cannot hang the player.
struct LessonsProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove", abstract: "Fetch and hash a tag's manifest and blobs from a registry, keep nothing, print what was proved as JSON.",
        shouldDisplay: false)

    @Argument(help: "REGISTRY/REPOSITORY:TAG") var name: String

    func run() throws {
        let proof: RegistryProof
        do {
            let reference = try ImageReference(parsing: name)
            let endpoint = RegistryEndpoint(registry: reference.registry, settings: try RegistrySettings.load())
            let client = RegistryClient(endpoint: endpoint, credentials: try CredentialStore().credentials(for: reference.registry),
                                        events: DiscardingSink(), attempts: 2)
            let served = try client.proveServed(reference)
            proof = RegistryProof(manifest: served.manifest.string, config: served.config.string, layers: served.layers.map(\.string))
        } catch let failure as ServedImageFailure {
            proof = RegistryProof(failure: Self.failure(failure))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        StandardOutput.write(String(decoding: try encoder.encode(proof), as: UTF8.self) + "\n")
        if proof.failure != nil { throw ExitCode(1) }
    }

    /// The failed object and the registry client's reason, as the check tells the learner.
    static func failure(_ failure: ServedImageFailure) -> RegistryProof.Failure {
        let (object, digest): (RegistryProof.Object, Digest?) = switch failure.object {
        case .registry: (.registry, nil)
        case .manifest: (.manifest, nil)
        case let .config(digest): (.config, digest)
        case let .layer(digest): (.layer, digest)
        }
        let reason: RegistryProof.Reason = switch failure.error.code {
        case .notFound: .missing
        case .verification: .mismatch
        case .transport, .plainHTTPServer, .library: .unreachable
        default: object == .registry ? .unreachable : .refused
        }
        return RegistryProof.Failure(object: object, digest: digest?.string, reason: reason, detail: failure.error.message)
    }
}
