/// Docker's memory sizes (go-units' RAMInBytes): a number, an optional space, and an optional
/// unit k, m, g, t or p (powers of 1024), optionally followed by "i" and/or "b": "64m", "1.5GB",
/// "512 KiB". Parsing names the offending value when it is wrong.
public enum ByteSize {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let value: String
        public var description: String {
            "invalid size: '\(value)' (use a number with an optional unit b, k, m or g, e.g. 64m)"
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> Int64 {
        var rest = Substring(text.lowercased())
        let number = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
        rest = rest.dropFirst(number.count)
        if rest.first == " " { rest = rest.dropFirst() }
        var multiplier: Double = 1
        if let unit = rest.first, let power = "kmgtp".firstIndex(of: unit) {
            multiplier = Double(Int64(1) << (10 * ("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)))
            rest = rest.dropFirst()
            if rest.first == "i" { rest = rest.dropFirst() }
        }
        if rest.first == "b" { rest = rest.dropFirst() }
        guard rest.isEmpty, let value = Double(number), !number.hasPrefix("."),
              value * multiplier < Double(Int64.max) else { throw ParseError(value: text) }
        return Int64(value * multiplier)
    }
}
