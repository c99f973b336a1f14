/// A user namespace's id map, as the kernel shows it in /proc/PID/uid_map and gid_map: each
/// range says that ids `inside ..< inside+count` in the namespace are `outside ..< outside+count`
/// in its parent. An id outside every range does not exist in the namespace (it shows as
/// `nobody`, 65534, and cannot be given to a file).
public struct IDMap: Sendable, Equatable, Codable, CustomStringConvertible {
    public struct Range: Sendable, Equatable, Codable {
        public var inside: UInt32
        public var outside: UInt32
        public var count: UInt32

        public init(inside: UInt32, outside: UInt32, count: UInt32) {
            self.inside = inside
            self.outside = outside
            self.count = count
        }

        /// One line as written to uid_map: "0 1000 1".
        public var line: String { "\(inside) \(outside) \(count)" }
    }

    public var ranges: [Range]

    public init(_ ranges: [Range]) { self.ranges = ranges }

    /// Parses the kernel's columns (any amount of space between the three numbers).
    public init?(parsing text: String) {
        var ranges: [Range] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { UInt32($0) }
            guard fields.count == 3 else { return nil }
            ranges.append(Range(inside: fields[0], outside: fields[1], count: fields[2]))
        }
        guard !ranges.isEmpty else { return nil }
        self.ranges = ranges
    }

    /// The initial user namespace's map: every id is itself. A process with it is not in a
    /// user namespace of its own.
    public var isIdentity: Bool { ranges == [Range(inside: 0, outside: 0, count: UInt32.max)] }

    /// The parent's id for `id` inside, if it is mapped.
    public func outside(of id: UInt32) -> UInt32? {
        for range in ranges where id >= range.inside && id - range.inside < range.count {
            return range.outside + (id - range.inside)
        }
        return nil
    }

    /// How many ids exist inside.
    public var size: UInt64 { ranges.reduce(0) { $0 + UInt64($1.count) } }

    /// The file's text: one line per range.
    public var description: String { ranges.map(\.line).joined(separator: "\n") }
}
