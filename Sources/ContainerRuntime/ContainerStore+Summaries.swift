import FoundationEssentials
import HostSystem
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// The two facts about every container that `run` and the janitor ask of the whole store — each
/// container's name, and whether it has exited — read from each record's top-level `name` and
/// `status` members alone, with the hand-written `JSONNode` reader.
///
/// Decoding every record with `JSONDecoder` (as `all()` does) made each `run` pay for every
/// container `ps -a` lists, twice: a cost that grew with the store. A record the reader cannot
/// summarise (not JSON, or without these members) is decoded in full, and left out when that
/// fails too. A summarised record may still be one `load` refuses (a field this version does not
/// know): callers that act on a container load it first, as they did.
public struct ContainerSummary: Sendable {
    public var id: ContainerID
    public var name: String
    /// The record's `status` word: `created`, `running` (paused too) or `exited`.
    public var status: String
}

extension ContainerStore {
    /// A summary of every container whose record says its name and status, in no particular order.
    public func summaries() -> [ContainerSummary] {
        let names = DirectoryListing.names(atPath: containersDirectory) ?? []
        return names.compactMap { summary(of: ContainerID(full: $0)) }
    }

    private static let summaryKeys: Set<String> = ["name", "status"]

    /// The summary of one container, or nil when its record is missing or unreadable.
    func summary(of id: ContainerID) -> ContainerSummary? {
        let path = paths(for: id).record
        guard let file = try? FileDescriptor.open(path, O_RDONLY) else { return nil }
        let bytes = try? file.readAll(path: path)
        file.close()
        if let bytes, let members = JSONNode.strings(Self.summaryKeys, ofObject: bytes),
           let name = members["name"], let status = members["status"], ["created", "running", "exited"].contains(status) {
            return ContainerSummary(id: id, name: name, status: status)
        }
        guard let record = try? load(id) else { return nil }
        return ContainerSummary(id: id, name: record.name, status: record.state.exit == nil ? (record.state.isRunning ? "running" : "created") : "exited")
    }
}
