/// The data a template reads: the shape of a JSON document (Docker's `--format` runs over the same
/// objects `inspect` prints), with Go's distinction between a JSON `null` and a key that is not there.
public enum TemplateValue: Sendable, Equatable {
    /// JSON `null`, Go's nil: prints `<nil>`.
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    case object(TemplateObject)
    /// What a missing map key gives in Go: prints `<no value>`, is false, and cannot be walked into.
    case missing

    /// Whether Go's `if` takes this value as true: not false, zero, nil, or empty.
    public var isTruthy: Bool {
        switch self {
        case .null, .missing: false
        case let .bool(value): value
        case let .int(value): value != 0
        case let .double(value): value != 0
        case let .string(value): !value.isEmpty
        case let .array(values): !values.isEmpty
        case let .object(object): !object.isEmpty
        }
    }

    /// The name Go's error messages give this value's type.
    var goTypeName: String {
        switch self {
        case .null, .missing: "interface {}"
        case .bool: "bool"
        case .int: "int"
        case .double: "float64"
        case .string: "string"
        case .array: "[]interface {}"
        case .object: "map[string]interface {}"
        }
    }
}

/// A JSON object that keeps its keys in the order they came (so `{{json .}}` prints them as the
/// source had them), while Go's own printing and `range` visit them sorted, as Go does with maps.
public struct TemplateObject: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: TemplateValue] = [:]
    /// `{{json .}}` writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: Docker's listing rows
    /// (`ps`, `images`) marshal themselves with Go's json.Marshal, which escapes them.
    public var escapesHTMLInJSON = false

    public init() {}

    public init(_ pairs: [(String, TemplateValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    public subscript(key: String) -> TemplateValue? {
        get { values[key] }
        set {
            if values[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            values[key] = newValue
        }
    }

    /// The keys in Go's map order: sorted by their bytes.
    public var sortedKeys: [String] {
        keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The pairs in the order they were added.
    public var pairs: [(key: String, value: TemplateValue)] {
        keys.compactMap { key in values[key].map { (key, $0) } }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(TemplateObject(elements)) }
}
