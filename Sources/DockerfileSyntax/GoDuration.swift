/// A duration written the way Docker reads HEALTHCHECK timings, with Go's `time.ParseDuration`
/// rules: one or more `<number><unit>` parts (`1m30s`, `1.5h`, `300ms`), units ns, us, µs, ms, s, m, h,
/// an optional sign, and a bare `0`.
public struct GoDuration: Sendable, Hashable, CustomStringConvertible {
    public var nanoseconds: Int64
    public var text: String

    public var description: String { text }

    /// Parses `text`; nil if Go would refuse it (no unit, unknown unit, overflow …).
    public init?(_ text: String) {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var negative = false
        if i < chars.count, chars[i] == "-" || chars[i] == "+" {
            negative = chars[i] == "-"
            i += 1
        }
        if chars.count - i == 1, chars[i] == "0" {
            self.nanoseconds = 0
            self.text = text
            return
        }
        guard i < chars.count else { return nil }
        var total: Double = 0
        while i < chars.count {
            let numberStart = i
            var integer: Double = 0
            var sawDigits = false
            while i < chars.count, chars[i].isASCIIDigit {
                integer = integer * 10 + Double(chars[i].value - 0x30)
                sawDigits = true
                i += 1
            }
            var fraction: Double = 0
            if i < chars.count, chars[i] == "." {
                i += 1
                var scale: Double = 0.1
                while i < chars.count, chars[i].isASCIIDigit {
                    fraction += Double(chars[i].value - 0x30) * scale
                    scale /= 10
                    sawDigits = true
                    i += 1
                }
            }
            guard sawDigits, i > numberStart else { return nil }
            let unitStart = i
            while i < chars.count, chars[i] != ".", !chars[i].isASCIIDigit { i += 1 }
            let unit = String(scalars: chars[unitStart..<i])
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += (integer + fraction) * scale
            guard total <= Double(Int64.max) else { return nil }
        }
        self.nanoseconds = Int64(negative ? -total : total)
        self.text = text
    }
}
