import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import ImageStore

/// `dockyard inspect`: print containers and images as JSON, in Docker's shapes
/// (`ContainerInspection`, `ImageInspection`). Like `docker inspect`, a name is looked up as a
/// container first and then as an image.
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

    /// A container or an image, encoded as Docker shows it.
    enum Object: Encodable {
        case container(ContainerInspection)
        case image(ImageInspection)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case let .container(container): try container.encode(to: encoder)
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
            print(try Self.render(objects))
        }
        if failed { throw ExitCode(1) }
    }

    /// Containers as the docker CLI writes them (Docker's key order and indentation); images,
    /// and a list that mixes both, as Dockyard's image inspect always has (keys sorted).
    static func render(_ objects: [Object]) throws -> String {
        let containers = objects.compactMap { object -> JSONValue? in
            if case let .container(container) = object { container.json } else { nil }
        }
        guard !objects.isEmpty, containers.count == objects.count else { return try InspectJSON.render(objects) }
        return DockerJSON.render(containers)
    }

    private func find(_ name: String, engine: Engine) -> Object? {
        if type != .image, let record = try? engine.containers.find(name) {
            return .container(ContainerInspection(record, context: .reading(record, engine: engine)))
        }
        if type != .container, let store = try? engine.images(), let match = try? store.lookup(name) {
            let repoDigests = (try? store.repoDigests(tags: match.tags, manifestDigest: match.image.manifestDigest)) ?? []
            return .image(ImageInspection(match, repoDigests: repoDigests))
        }
        return nil
    }
}

extension ContainerInspection.Context {
    /// Reads, beside the record, what Docker's shape needs: the networks' ids, whether the
    /// monitor wrote a log, and the running process's namespaces from /proc.
    static func reading(_ record: ContainerRecord, engine: Engine) -> Self {
        let networks = NetworkStore(root: engine.root, host: engine.host)
        var ids = Dictionary(networks.userNetworks().map { ($0.name, $0.id) }) { first, _ in first }
        if record.config.network == .bridge, let network = try? networks.defaultNetwork() { ids[network.name] = network.id }
        let paths = ContainerPaths(root: engine.root, id: record.id)
        var namespaces: [String: String] = [:]
        if let pid = record.state.process?.pid {
            for kind in ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"] {
                if let inode = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)") {
                    namespaces[kind] = inode
                }
            }
        }
        return Self(root: engine.root, networkIDs: ids, hasLog: FileManager.default.fileExists(atPath: ContainerLog.path(paths)),
                    namespaces: namespaces)
    }
}
