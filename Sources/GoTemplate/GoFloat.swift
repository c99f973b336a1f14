/// A float as Go writes it: `%v` (shortest digits, an exponent from 1e+06 or below 1e-04) and
/// encoding/json's form (plain digits from 1e-06 up to 1e+21). Swift's `description` already finds
/// the shortest digits that read back the same value; this only lays them out Go's way.
enum GoFloat {
    /// The shortest decimal digits of |value| and where the point goes: value = 0.DIGITS × 10^point.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            mantissa = text[..<e]
        }
        let whole = mantissa.prefix { $0 != "." }
        let fraction = mantissa.drop { $0 != "." }.dropFirst()
        var digits = Array((whole + fraction).utf8).map { $0 - UInt8(ascii: "0") }
        var point = whole.count + exponent
        while digits.first == 0, digits.count > 1 { digits.removeFirst(); point -= 1 }
        while digits.last == 0, digits.count > 1 { digits.removeLast() }
        if digits == [0] { point = 1 }
        return (digits, point)
    }

    /// Go's `%v` (strconv 'g' with the shortest precision).
    static func goString(_ value: Double) -> String {
        if let special = nonFinite(value) { return special }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        let (digits, point) = shortestDigits(value)
        let exponent = point - 1
        // strconv's rule for the shortest precision: an exponent below -4 or from 6 up.
        if exponent < -4 || exponent >= 6 {
            return sign + scientific(digits, exponent: exponent, minimumExponentDigits: 2)
        }
        return sign + plain(digits, point: point)
    }

    /// encoding/json's float: plain unless below 1e-6 or from 1e21, then `1e-07` written `1e-7`.
    static func jsonString(_ value: Double) -> String {
        if let special = nonFinite(value) { return special }
        let sign = value.sign == .minus && value != 0 ? "-" : ""
        if value == 0 { return "0" }
        let (digits, point) = shortestDigits(value)
        let magnitude = value.magnitude
        if magnitude < 1e-6 || magnitude >= 1e21 {
            return sign + scientific(digits, exponent: point - 1, minimumExponentDigits: 1)
        }
        return sign + plain(digits, point: point)
    }

    private static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    private static func plain(_ digits: [UInt8], point: Int) -> String {
        let text = digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) }
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(text) }
        if point >= text.count { return String(text) + String(repeating: "0", count: point - text.count) }
        return String(text[..<point]) + "." + String(text[point...])
    }

    private static func scientific(_ digits: [UInt8], exponent: Int, minimumExponentDigits: Int) -> String {
        let text = String(digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) })
        let mantissa = text.count == 1 ? text : String(text.prefix(1)) + "." + String(text.dropFirst())
        let number = String(exponent.magnitude)
        let padded = String(repeating: "0", count: max(0, minimumExponentDigits - number.count)) + number
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + padded
    }
}
