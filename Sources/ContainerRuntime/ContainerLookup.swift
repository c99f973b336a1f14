#if canImport(Glibc)
import Glibc
#endif

/// How Docker's engine resolves a container reference — a full id, then an exact name, then a
/// unique id prefix — over one reading of the store's summaries.
///
/// `rm`, `stop` or `kill` of many containers resolve every name against the same summaries
/// instead of reading every record once per name (which made removing n containers read n²
/// records). A summary only says which containers can match: the matching record is loaded from
/// disk at each lookup, so a container removed since the summaries were read matches nothing.
public struct ContainerLookup: Sendable {
    public let store: ContainerStore
    private let summaries: [ContainerSummary]

    /// Reads the summaries of every container in `store` now.
    public init(store: ContainerStore) {
        self.store = store
        self.summaries = store.summaries()
    }

    /// A container by full id, unique id prefix, or name — what Docker accepts.
    ///
    /// The answer is `listing()`'s: a record that cannot be decoded matches nothing, unless it is
    /// named by its full id (its error is reported).
    public func find(_ nameOrID: String) throws -> ContainerRecord {
        if let record = try store.load(fullID: nameOrID) { return record }
        let exact = loadable(summaries.filter { $0.id.full == nameOrID || $0.name == nameOrID })
        if let newest = exact.max(by: { $0.created < $1.created }) { return newest }
        let matches = loadable(summaries.filter { $0.id.full.hasPrefix(nameOrID) })
        if matches.count == 1, !nameOrID.isEmpty { return matches[0] }
        if matches.count > 1 {
            throw RuntimeError(code: .invalidArgument, "multiple containers match '\(nameOrID)': use more of the id")
        }
        throw RuntimeError(code: .notFound, "No such container: \(nameOrID)")
    }

    /// The records of `summaries` that decode, as `listing()` would list them.
    private func loadable(_ summaries: [ContainerSummary]) -> [ContainerRecord] {
        summaries.compactMap { try? store.load($0.id) }
    }
}

extension ContainerStore {
    /// The container named by its full id, without reading any other record; nil when
    /// `nameOrID` is not a full id of a container with a record.
    func load(fullID nameOrID: String) throws -> ContainerRecord? {
        guard nameOrID.utf8.count == 64, nameOrID.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        let named = ContainerID(full: nameOrID)
        guard access(paths(for: named).directory, F_OK) == 0 else { return nil }
        do { return try load(named) } catch let error as RuntimeError where error.code == .notFound { return nil }
    }
}
