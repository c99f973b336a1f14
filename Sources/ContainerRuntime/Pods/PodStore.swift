import FoundationEssentials
import LinuxKernel

/// The pods Dockyard knows: one directory per pod under `<root>/pods`, each with its record
/// (pod.json), replaced atomically like a container's. Creating and removing pods take turns
/// through one lock file, so two `pod create --name x` cannot both win.
public struct PodStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var podsDirectory: String { root + "/pods" }

    public func directory(for id: ContainerID) -> String { podsDirectory + "/" + id.full }

    public func save(_ pod: PodRecord) throws {
        let directory = directory(for: pod.id)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(pod), as: UTF8.self)
        do { try FileWriting.replace(text, at: directory + "/pod.json") } catch {
            throw RuntimeError(code: .system, "cannot save the record of pod \(pod.id.short) in \(directory)", cause: error)
        }
    }

    /// Every pod with a readable record, newest first.
    public func all() -> [PodRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: podsDirectory)) ?? []
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return names.compactMap { name in
            FileManager.default.contents(atPath: podsDirectory + "/" + name + "/pod.json")
                .flatMap { try? decoder.decode(PodRecord.self, from: $0) }
        }.sorted { $0.created > $1.created }
    }

    /// A pod by full id, unique id prefix, or name; podman's message when there is none.
    public func find(_ nameOrID: String) throws -> PodRecord {
        let pods = all()
        if let exact = pods.first(where: { $0.id.full == nameOrID || $0.name == nameOrID }) { return exact }
        let matches = pods.filter { $0.id.full.hasPrefix(nameOrID) }
        if matches.count == 1, !nameOrID.isEmpty { return matches[0] }
        if matches.count > 1 {
            throw RuntimeError(code: .invalidArgument, "more than one result for pod ID \(nameOrID)")
        }
        throw RuntimeError(code: .notFound, "no pod with name or ID \(nameOrID) found: no such pod")
    }

    /// `body` while holding the pods' lock.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: podsDirectory, withIntermediateDirectories: true)
        return try ExclusiveLockFile.holding(at: podsDirectory + "/.lock", body)
    }

    public func delete(_ id: ContainerID) throws {
        let directory = directory(for: id)
        guard FileManager.default.fileExists(atPath: directory) else { return }
        try FileManager.default.removeItem(atPath: directory)
    }
}
