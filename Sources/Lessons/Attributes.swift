/// The brace group of a fenced block's info string: ```` ```sh {step=run-1 contains="hello world" exercise} ````.
///
/// Values are bare words or double-quoted strings (`\"` and `\\` escape); a key without a value
/// (`exercise`) is a flag.
public struct Attributes: Sendable, Equatable {
    /// Keys and values in the order written; a flag's value is "".
    public private(set) var pairs: [(key: String, value: String)] = []

    /// The keys a step may carry; `lessons lint` reports any other.
    public static let known: Set<String> = [
        "step", "root", "rootless", "simulate", "status", "contains", "matches", "explains", "show", "focus", "exercise", "fresh",
    ]

    public init() {}

    public subscript(key: String) -> String? { pairs.last { $0.key == key }?.value }

    public func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    public static func == (a: Attributes, b: Attributes) -> Bool {
        a.pairs.map(\.key) == b.pairs.map(\.key) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    /// Splits a fence's info string into its language and attributes.
    /// `sh {step=x}` → ("sh", [step: x]); `{step=x}` → ("", …); `text` → ("text", nil).
    /// Throws a message when the brace group is malformed.
    public static func parseInfo(_ info: String) throws(AttributeError) -> (language: String, attributes: Attributes?) {
        let trimmed = info.trimmingSpaces
        guard let brace = trimmed.firstIndex(of: "{") else {
            return (String(trimmed.prefix { $0 != " " }), nil)
        }
        let language = String(trimmed[..<brace]).trimmingSpaces
        let rest = trimmed[trimmed.index(after: brace)...]
        guard rest.last == "}" else { throw AttributeError(message: "the attribute group is not closed with }") }
        return (language.split(separator: " ").first.map(String.init) ?? "", try parse(String(rest.dropLast())))
    }

    /// Parses the inside of a brace group.
    public static func parse(_ text: String) throws(AttributeError) -> Attributes {
        var attributes = Attributes()
        var chars = Array(text)[...]
        func skipSpaces() { while let c = chars.first, c == " " || c == "\t" { chars = chars.dropFirst() } }
        while true {
            skipSpaces()
            guard !chars.isEmpty else { return attributes }
            var key = ""
            while let c = chars.first, c != "=", c != " ", c != "\t" { key.append(c); chars = chars.dropFirst() }
            guard !key.isEmpty else { throw AttributeError(message: "an attribute has no name") }
            guard chars.first == "=" else {
                attributes.pairs.append((key, ""))
                continue
            }
            chars = chars.dropFirst()
            var value = ""
            if chars.first == "\"" {
                chars = chars.dropFirst()
                var closed = false
                while let c = chars.first {
                    chars = chars.dropFirst()
                    if c == "\"" { closed = true; break }
                    if c == "\\", let next = chars.first { value.append(next); chars = chars.dropFirst(); continue }
                    value.append(c)
                }
                guard closed else { throw AttributeError(message: "the value of \(key) has no closing quote") }
            } else {
                while let c = chars.first, c != " ", c != "\t" { value.append(c); chars = chars.dropFirst() }
            }
            attributes.pairs.append((key, value))
        }
    }
}

/// Why a fence's attribute group could not be read.
public struct AttributeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
