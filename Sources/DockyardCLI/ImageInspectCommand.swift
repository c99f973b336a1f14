import ArgumentParser
import FoundationEssentials
import ImageStore

/// `dockyard image inspect`: images' configs and manifests as a JSON array, like `docker image inspect`.
struct ImageInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Display detailed information on one or more images.")

    @Option(name: [.short, .long], help: "Format the output using a Go template, e.g. '{{.Config.Cmd}}'.")
    var format: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Images, by name, ID or ID prefix.") var images: [String]

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("\"image inspect\" requires at least 1 argument.") }
    }

    func run() throws {
        let template = try InspectFormat.template(for: format)
        let store = try ImageStore(root: storage.resolvedRoot)
        var found: [ImageInspection] = []
        var failed = false
        for name in images {
            if let match = try? store.lookup(name) {
                found.append(ImageInspection(match, repoDigests: try store.repoDigests(tags: match.tags, manifestDigest: match.image.manifestDigest)))
            } else {
                StandardError.line("Error: No such image: \(name)")
                failed = true
            }
        }
        if let template {
            if try !InspectFormat.print(template, objects: found) { failed = true }
        } else {
            print(try InspectJSON.render(found))
        }
        if failed { throw ExitCode(1) }
    }
}

/// The JSON `inspect` prints: pretty, keys sorted, dates in ISO 8601.
enum InspectJSON {
    static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// On one line, as Docker keeps a JSON value inside a string (`seccomp={…}`).
    static func compact(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
