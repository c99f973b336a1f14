/// A document type that can be read from a `JSONNode` tree as its `Decodable` conformance would read
/// it, or answers nil when unsure (a missing key, a wrong type, an invalid digest), leaving the
/// document to `JSONDecoder` and its error message.
public protocol JSONNodeReadable {
    init?(json: JSONNode)
}

extension JSONNode {
    /// Thrown inside the readers when a member is not what the synthesized `Decodable` would accept.
    public struct Mismatch: Error {}

    /// `decodeIfPresent`: nil when `key` is absent or null, the value when `read` accepts it.
    public func optional<T>(_ key: String, _ read: (JSONNode) -> T?) throws(Mismatch) -> T? {
        guard let member = self[key], !member.isNull else { return nil }
        guard let value = read(member) else { throw Mismatch() }
        return value
    }

    /// `decode`: the value of `key`, which must be present, not null, and accepted by `read`.
    public func required<T>(_ key: String, _ read: (JSONNode) -> T?) throws(Mismatch) -> T {
        guard let member = self[key], let value = read(member) else { throw Mismatch() }
        return value
    }

    public static func string(_ node: JSONNode) -> String? { node.string }
    public static func bool(_ node: JSONNode) -> Bool? { node.bool }
    public static func int64(_ node: JSONNode) -> Int64? { node.int64 }
    public static func int(_ node: JSONNode) -> Int? { node.int64.flatMap { Int(exactly: $0) } }

    /// `[String]`: an array of strings only.
    public static func strings(_ node: JSONNode) -> [String]? {
        guard let items = node.array else { return nil }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let text = item.string else { return nil }
            result.append(text)
        }
        return result
    }

    /// `[String: String]`: an object whose values are all strings.
    public static func stringMap(_ node: JSONNode) -> [String: String]? {
        guard let members = node.members else { return nil }
        var result: [String: String] = [:]
        result.reserveCapacity(members.count)
        for (key, value) in members {
            guard let text = value.string else { return nil }
            result[key] = text
        }
        return result
    }

    /// An array whose every item `read` accepts.
    public static func list<T>(_ read: @escaping (JSONNode) -> T?) -> (JSONNode) -> [T]? {
        { node in
            guard let items = node.array else { return nil }
            var result: [T] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard let value = read(item) else { return nil }
                result.append(value)
            }
            return result
        }
    }
}
