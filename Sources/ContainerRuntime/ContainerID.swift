/// A container's identity: 64 random hex digits, shown as the first 12 like Docker does.
public struct ContainerID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let full: String

    public init(full: String) { self.full = full }

    /// A fresh random id from the system's random source.
    public static func random() -> ContainerID {
        var generator = SystemRandomNumberGenerator()   // getrandom(2) on Linux
        let words = (0..<4).map { _ in generator.next() }   // one call per 8 bytes, not per byte
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        let digits = Array("0123456789abcdef")
        return ContainerID(full: String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }))
    }

    /// The 12-digit form used for hostnames, `ps` and messages.
    public var short: String { String(full.prefix(12)) }

    public var description: String { short }
}
