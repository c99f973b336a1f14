/// A user's subordinate ids: the range /etc/subuid (or /etc/subgid) grants them, e.g.
/// `alice:100000:65536`. The setuid helpers newuidmap and newgidmap let the user map exactly
/// these host ids into a user namespace they own; without a range, only their own id can be.
public struct SubordinateIDs: Sendable, Equatable, Codable {
    public var start: UInt32
    public var count: UInt32

    public init(start: UInt32, count: UInt32) {
        self.start = start
        self.count = count
    }

    /// The first range of the user named `user` or numbered `id` in a file of
    /// `NAME-or-ID:START:COUNT` lines (comments and malformed lines are skipped, as shadow's
    /// tools do).
    public static func find(user: String?, id: UInt32, in text: String) -> SubordinateIDs? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3, let start = UInt32(fields[1]), let count = UInt32(fields[2]), count > 0 else { continue }
            if fields[0] == "\(id)" || (user != nil && fields[0] == user![...]) {
                return SubordinateIDs(start: start, count: count)
            }
        }
        return nil
    }

    /// The namespace's map: 0 is the user's own `id`, 1… the subordinate range.
    public func map(own id: UInt32) -> IDMap {
        IDMap([.init(inside: 0, outside: id, count: 1), .init(inside: 1, outside: start, count: count)])
    }
}
