/// Docker's human-readable sizes (go-units' `HumanSizeWithPrecision(size, 3)`): decimal units,
/// three significant digits, trailing zeros dropped — `4.26MB`, `77.8MB`, `128kB`, `0B`.
public enum DockerUnits {
    private static let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]

    public static func humanSize(_ bytes: Int64) -> String {
        var size = Double(max(0, bytes))
        var unit = 0
        while size >= 1000, unit < units.count - 1 {
            size /= 1000
            unit += 1
        }
        return significant(size, digits: 3) + units[unit]
    }

    /// `%.{digits}g` for 0 ≤ value < 1000, as Go's fmt prints it.
    static func significant(_ value: Double, digits: Int) -> String {
        guard value > 0 else { return "0" }
        var exponent = value.exponentBase10
        var decimals = max(0, digits - 1 - exponent)
        var scaled = (value * power(decimals)).rounded(.toNearestOrEven)
        if scaled >= power(digits) {  // rounding carried into a new digit, e.g. 9.995 -> 10.0
            exponent += 1
            decimals = max(0, digits - 1 - exponent)
            scaled = (value * power(decimals)).rounded(.toNearestOrEven)
        }
        if exponent >= digits { return "1e+0\(exponent)" }
        var text = String(Int64(scaled))
        if decimals > 0 {
            text = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func power(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

private extension Double {
    /// ⌊log10(self)⌋ for positive values, without Foundation's math.
    var exponentBase10: Int {
        var exponent = 0
        var value = self
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}
