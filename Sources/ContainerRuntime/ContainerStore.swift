import FoundationEssentials
import ImageStore
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
import HostSystem
#endif

/// The containers Dockyard knows: one directory per container under `<root>/containers`, each
/// with its record (config.json). Records are replaced atomically (write, then rename).
public struct ContainerStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var containersDirectory: String { root + "/containers" }
    /// Where a container's directory goes while it is being deleted (DeferredRemoval, `rm`).
    public var removingDirectory: String { root + "/removing" }

    /// Renames the container's directory into `removingDirectory` (one rename(2) on the same
    /// filesystem): from then on `ps -a` does not list it, its name is free, and no process can add
    /// a file to it; the janitor finishes a deletion whose deleter died (`sweepRemovals`). The new
    /// path, or nil when it could not be moved.
    func moveAside(_ id: ContainerID) -> String? {
        let aside = removingDirectory + "/" + id.full
        guard mkdir(removingDirectory, 0o700) == 0 || errno == EEXIST,
              rename(paths(for: id).directory, aside) == 0 else { return nil }
        return aside
    }
    /// Docker's default seccomp profile, compiled once per binary, kernel and capability set; nil
    /// for a simulated kernel, which writes nothing under the root.
    public func seccompCache(for kernel: any Kernel) -> SeccompProgramCache? {
        kernel.isSimulated ? nil : SeccompProgramCache(directory: root + "/seccomp-programs")
    }

    /// The read-only layers under a container's writable layer, bottom first, as a run stacks
    /// them: its image's, then the image's mount-point layer where one was made (MountPointLayer).
    /// What a stopped container's `cp` and `export` read.
    public func readOnlyLayers(of config: ContainerConfiguration) -> [String] {
        config.lowerdirs + (MountPointLayer.existing(imageID: config.imageID, root: root).map { [$0] } ?? [])
    }

    public func paths(for id: ContainerID) -> ContainerPaths {
        ContainerPaths(root: root, id: id)
    }

    public func save(_ record: ContainerRecord) throws {
        let paths = paths(for: record.id)
        try FileManager.default.createDirectory(atPath: paths.directory, withIntermediateDirectories: true)
        let text = try record.plainJSONText ?? Self.encoded(record)
        do { try FileWriting.replace(text, at: paths.record) } catch {
            throw RuntimeError(code: .system, "cannot save the record of container \(record.id.short) in \(paths.record)", cause: error)
        }
    }

    /// The record as `JSONEncoder` writes it; `plainJSONText` writes the same bytes for the usual
    /// shapes without the encoder's start-up cost.
    static func encoded(_ record: ContainerRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    public func load(_ id: ContainerID) throws -> ContainerRecord {
        try Self.record(id, at: paths(for: id).record)
    }

    /// The record in the file at `path` (a container's config.json, wherever its directory is).
    static func record(_ id: ContainerID, at path: String) throws -> ContainerRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(code: .notFound, "No such container: \(id.short)")
        }
        // The hand-written reader first (`JSONNodeDecoder`); JSONDecoder for what it declines,
        // and for the error message of a record that cannot be read.
        if let record = JSONNodeDecoder.decode(ContainerRecord.self, from: [UInt8](data)) { return record }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(ContainerRecord.self, from: data)
        } catch {
            // A status, network or field this version does not know: say which file, never guess.
            throw RuntimeError(code: .invalidArgument, "cannot read the record of container \(id.short) in \(path): \(Self.describe(error))")
        }
    }

    /// Every container with a readable record, newest first.
    public func all() -> [ContainerRecord] {
        listing().records
    }

    /// A record that exists but cannot be read, and why.
    public struct UnreadableRecord: Sendable {
        public var id: ContainerID
        public var error: RuntimeError
    }

    /// Every container's record, newest first, and an error for each record that cannot be read
    /// (so `ps` can say so instead of hiding the container).
    public func listing() -> (records: [ContainerRecord], unreadable: [UnreadableRecord]) {
        let names = DirectoryListing.names(atPath: containersDirectory) ?? []
        var records: [ContainerRecord] = []
        var unreadable: [UnreadableRecord] = []
        for name in names {
            let id = ContainerID(full: name)
            do { records.append(try load(id)) } catch let error as RuntimeError {
                // A directory without its record yet is one being created, not a broken one.
                if error.code != .notFound { unreadable.append(UnreadableRecord(id: id, error: error)) }
            } catch {
                unreadable.append(UnreadableRecord(id: id, error: RuntimeError(String(describing: error))))
            }
        }
        return (records.sorted { $0.created > $1.created }, unreadable)
    }

    /// A container by full id, unique id prefix, or name — what Docker accepts.
    ///
    /// Only the records that can match are decoded: the others are read as summaries (name and
    /// status, `summaries()`), so an `exec` or `stop` in a store of many containers decodes one
    /// record, not all (`ContainerLookup`, which resolves many names over one reading).
    public func find(_ nameOrID: String) throws -> ContainerRecord {
        if let record = try load(fullID: nameOrID) { return record }
        return try ContainerLookup(store: self).find(nameOrID)
    }

    /// A decoding error in a sentence: which key, and what was wrong with it.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case let .dataCorrupted(context), let .typeMismatch(_, context), let .valueNotFound(_, context):
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            return key.isEmpty ? context.debugDescription : "\(key): \(context.debugDescription)"
        case let .keyNotFound(key, _):
            return "\(key.stringValue) is missing"
        default:
            return String(describing: error)
        }
    }

    /// Deletes a container's directory: record, writable layer and all.
    public func delete(_ id: ContainerID) throws {
        let directory = paths(for: id).directory
        guard FileManager.default.fileExists(atPath: directory) else { return }
        try FileManager.default.removeItem(atPath: directory)
    }
}
