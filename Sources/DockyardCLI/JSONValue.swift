/// A JSON value built by hand, for output whose shape is another program's: `inspect` prints
/// Docker's keys, Docker's `null`s and Docker's empty objects exactly, which Swift's synthesized
/// coding (it leaves a nil out) cannot say.
enum JSONValue: Encodable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    case null
    case bool(Bool)
    case number(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int64) { self = .number(value) }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// Go's nil slice: `null` when empty, as Docker prints a list nobody set.
    static func stringsOrNull(_ values: [String]) -> JSONValue { values.isEmpty ? .null : .strings(values) }

    static let emptyObject = JSONValue.object([:])

    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .null: try single.encodeNil()
        case let .bool(value): try single.encode(value)
        case let .number(value): try single.encode(value)
        case let .string(value): try single.encode(value)
        case let .array(values): try single.encode(values)
        case let .object(members): try single.encode(members)
        }
    }
}

/// A coding key spelled as a string literal, for keys written out one by one in another
/// program's order and spelling.
struct JSONKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}
