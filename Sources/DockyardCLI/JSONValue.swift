/// A JSON value built by hand, for output whose shape is another program's: `inspect` prints
/// Docker's keys in Docker's order, with Docker's `null`s and empty objects, which Swift's
/// synthesized coding (it leaves a nil out, and JSONEncoder orders keys by hash or by name)
/// cannot say.
enum JSONValue: Encodable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    case null
    case bool(Bool)
    case number(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int64) { self = .number(value) }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// Go's nil slice: `null` when empty, as Docker prints a list nobody set.
    static func stringsOrNull(_ values: [String]) -> JSONValue { values.isEmpty ? .null : .strings(values) }

    static let emptyObject = JSONValue.object([:])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case let .bool(value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case let .number(value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case let .string(value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case let .array(values):
            var single = encoder.singleValueContainer()
            try single.encode(values)
        case let .object(object):
            var keyed = encoder.container(keyedBy: JSONKey.self)
            for (key, value) in object.members { try keyed.encode(value, forKey: JSONKey(stringValue: key)) }
        }
    }
}

/// A JSON object whose members keep the order they were written in (a dictionary literal's
/// order); setting a key that is there replaces its value in place.
struct JSONObject: ExpressibleByDictionaryLiteral {
    private(set) var members: [(key: String, value: JSONValue)]

    init(_ members: [(key: String, value: JSONValue)]) {
        self.members = []
        for (key, value) in members { self[key] = value }
    }

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }

    /// Go's maps are written with their keys sorted.
    static func sorted(_ members: [(key: String, value: JSONValue)]) -> JSONObject {
        JSONObject(members.sorted { $0.key < $1.key })
    }

    /// Sets `key` right after `previous` (or at the end when `previous` is not there), where
    /// another program's struct has it.
    mutating func insert(_ key: String, _ value: JSONValue, after previous: String) {
        self[key] = nil
        let index = members.firstIndex { $0.key == previous }.map { $0 + 1 } ?? members.count
        members.insert((key, value), at: index)
    }

    subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): members[index].value = value
            case let (index?, nil): members.remove(at: index)
            case let (nil, value?): members.append((key, value))
            case (nil, nil): break
            }
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
