import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The containers Dockyard knows: one directory per container under `<root>/containers`, each
/// with its record (config.json). Records are replaced atomically (write, then rename).
public struct ContainerStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var containersDirectory: String { root + "/containers" }

    public func paths(for id: ContainerID) -> ContainerPaths {
        ContainerPaths(root: root, id: id)
    }

    public func save(_ record: ContainerRecord) throws {
        let paths = paths(for: record.id)
        try FileManager.default.createDirectory(atPath: paths.directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let temporary = paths.record + ".tmp"
        try FileWriting.write(String(decoding: try encoder.encode(record), as: UTF8.self), to: temporary)
        guard rename(temporary, paths.record) == 0 else {
            throw RuntimeError("cannot save the record of container \(record.id.short) in \(paths.record)")
        }
    }

    public func load(_ id: ContainerID) throws -> ContainerRecord {
        let path = paths(for: id).record
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("No such container: \(id.short)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ContainerRecord.self, from: data)
    }

    /// Every container with a readable record, newest first.
    public func all() -> [ContainerRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: containersDirectory)) ?? []
        return names.compactMap { try? load(ContainerID(full: $0)) }.sorted { $0.created > $1.created }
    }

    /// A container by full id, unique id prefix, or name — what Docker accepts.
    public func find(_ nameOrID: String) throws -> ContainerRecord {
        let records = all()
        if let exact = records.first(where: { $0.id.full == nameOrID || $0.name == nameOrID }) {
            return exact
        }
        let matches = records.filter { $0.id.full.hasPrefix(nameOrID) }
        if matches.count == 1, !nameOrID.isEmpty { return matches[0] }
        if matches.count > 1 {
            throw RuntimeError("multiple containers match '\(nameOrID)': use more of the id")
        }
        throw RuntimeError("No such container: \(nameOrID)")
    }

    /// Deletes a container's directory: record, writable layer and all.
    /// Waits until no process holds the container's lock — its monitor or foreground dockyard
    /// has finished with it — for up to `seconds`. Returns false on timeout.
    public func waitUntilReleased(_ id: ContainerID, seconds: Double) -> Bool {
        let directory = paths(for: id).directory
        for _ in 0..<max(1, Int(seconds * 200)) {
            if ContainerLock(directory: directory, wait: false) != nil { return true }
            if access(directory, F_OK) != 0 { return true }   // already removed
            usleep(5000)
        }
        return false
    }

    public func delete(_ id: ContainerID) throws {
        let directory = paths(for: id).directory
        guard FileManager.default.fileExists(atPath: directory) else { return }
        try FileManager.default.removeItem(atPath: directory)
    }
}
