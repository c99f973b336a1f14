import FoundationEssentials

/// A `Decoder` over the tree `JSONNode.parse` reads: a `Decodable` type's own `init(from:)` runs
/// unchanged, without `JSONDecoder` (whose set-up and per-value bookkeeping cost a container record
/// ~0.8 M instructions; `ps -a` and `inspect` read every record).
///
/// It is a fast path, never a second opinion: it answers only what `JSONDecoder` with the
/// `.iso8601` date strategy would answer the same way, and throws for the rest — a number that is
/// not a plain integer where one is asked for, a date not written `YYYY-MM-DDTHH:MM:SSZ`, `Data`,
/// `URL` or `Decimal` (which `JSONDecoder` treats specially) — so the caller can ask `JSONDecoder`,
/// whose answer and error messages stay the reference.
public enum JSONNodeDecoder {
    /// The value, or nil when the bytes are not JSON or this fast path cannot vouch for the result.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        guard let node = JSONNode.parse(bytes) else { return nil }
        return try? NodeDecoder(node: node, codingPath: []).decode(T.self)
    }
}

/// The error a value this fast path declines throws; its callers only see that it threw.
struct NodeMismatch: Error {}

struct NodeDecoder: Decoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = node else { throw NodeMismatch() }
        return KeyedDecodingContainer(KeyedNode<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(items) = node else { throw NodeMismatch() }
        return UnkeyedNode(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNode(node: node, codingPath: codingPath)
    }

    /// A value of any type: dates read here (as `.iso8601`), the types `JSONDecoder` treats
    /// specially declined, everything else by its own `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Date.self {
            guard let text = node.string, let date = Self.date(text) as? T else { throw NodeMismatch() }
            return date
        }
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw NodeMismatch() }
        return try T(from: self)
    }

    /// `2026-12-07T05:38:00Z`, the only form `JSONEncoder`'s `.iso8601` writes, as seconds since 1970.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        guard day <= Self.daysIn(month: month, year: year) else { return nil }
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A JSON number as the integer or floating-point type asked for, or a mismatch.
extension JSONNode {
    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case let .number(text) = self, let value = T(text) else { throw NodeMismatch() }
        return value
    }

    func floating<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
        guard case let .number(text) = self, let value = T(text) else { throw NodeMismatch() }
        return value
    }

    func text() throws -> String {
        guard let value = string else { throw NodeMismatch() }
        return value
    }

    func boolean() throws -> Bool {
        guard let value = bool else { throw NodeMismatch() }
        return value
    }
}
