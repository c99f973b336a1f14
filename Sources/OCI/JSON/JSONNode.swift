/// A JSON document as a tree, read by `JSONNode.parse` without Foundation's `JSONDecoder`.
///
/// `run` reads three small JSON documents of its image (the store's `index.json`, the manifest and
/// the config); `JSONDecoder` spent about 4.4 M instructions on them at every start, most of it the
/// Swift runtime searching its conformance tables for each `Codable` type's first use. This tree is
/// plain enums and arrays, so reading it costs a few instructions a byte.
///
/// The reader is deliberately strict: it accepts only documents whose meaning is certain (no duplicate
/// keys, integers written as plain digits, well-formed UTF-8) and answers nil for anything else, so
/// callers fall back to `JSONDecoder`, which then gives its own result or its own error message.
public enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number as written, e.g. `12` or `-1.5e3`; see `int64`.
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in document order; keys are unique (the reader refuses a repeated key).
    case object([(String, JSONNode)])

    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member named `key` of an object; nil for an absent key or when this is not an object.
    public subscript(key: String) -> JSONNode? {
        guard case let .object(members) = self else { return nil }
        for (name, value) in members where name == key { return value }
        return nil
    }

    public var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    public var bool: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    public var array: [JSONNode]? {
        if case let .array(value) = self { return value }
        return nil
    }

    public var members: [(String, JSONNode)]? {
        if case let .object(value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// An integer written as plain digits (`-12`, `0`); nil for fractions, exponents and overflow.
    public var int64: Int64? {
        guard case let .number(text) = self else { return nil }
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard let magnitude = Int64(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }
}
