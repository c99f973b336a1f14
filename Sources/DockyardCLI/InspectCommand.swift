import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import ImageStore

/// `dockyard inspect`: print containers' records, or images' configs and manifests, as JSON.
/// Like `docker inspect`, a name is looked up as a container first and then as an image.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect",
                                                    abstract: "Show low-level information on containers or images as JSON.")

    /// Which kind of object a name may be.
    enum ObjectType: String, ExpressibleByArgument, CaseIterable {
        case container, image
    }

    @Option(name: .long, help: "Only look for this type of object (container or image).") var type: ObjectType?
    @Option(name: [.short, .long], help: "Format the output using a Go template, e.g. '{{.State.Status}}' or '{{json .Config}}'.")
    var format: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers or images, by name or id.") var names: [String]

    /// A container record or an image, encoded as itself.
    enum Object: Encodable {
        case container(ContainerRecord)
        case image(ImageInspection)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case let .container(record): try record.encode(to: encoder)
            case let .image(image): try image.encode(to: encoder)
            }
        }
    }

    func run() throws {
        let template = try InspectFormat.template(for: format)
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        var objects: [Object] = []
        var failed = false
        for name in names {
            if let object = find(name, engine: engine) {
                objects.append(object)
            } else {
                switch type {
                case .container: StandardError.line("Error: No such container: \(name)")
                case .image: StandardError.line("Error: No such image: \(name)")
                case nil: StandardError.line("Error: No such object: \(name)")
                }
                failed = true
            }
        }
        if let template {
            if try !InspectFormat.print(template, objects: objects) { failed = true }
        } else {
            print(try InspectJSON.render(objects))
        }
        if failed { throw ExitCode(1) }
    }

    private func find(_ name: String, engine: Engine) -> Object? {
        if type != .image, let record = try? engine.containers.find(name) { return .container(record) }
        if type != .container, let store = try? engine.images(), let match = try? store.lookup(name) {
            let repoDigests = (try? store.repoDigests(tags: match.tags, manifestDigest: match.image.manifestDigest)) ?? []
            return .image(ImageInspection(match, repoDigests: repoDigests))
        }
        return nil
    }
}
