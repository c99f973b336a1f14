#if canImport(Glibc)
import Glibc
#endif

/// A small, fast, seeded generator (SplitMix64), so a fuzz test's failure can be replayed with
/// the same seed.
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How long a fuzz test runs and from which seed: `DOCKYARD_FUZZ_SECONDS` runs it longer,
/// `DOCKYARD_FUZZ_SEED` replays a seed; otherwise each test's own defaults.
public enum FuzzSettings {
    /// The seconds asked for in the environment, if any.
    public static var environmentSeconds: Double? {
        guard let raw = getenv("DOCKYARD_FUZZ_SECONDS") else { return nil }
        return Double(String(cString: raw))
    }

    /// The seed asked for in the environment, or `defaultSeed`.
    public static func seed(default defaultSeed: UInt64) -> UInt64 {
        getenv("DOCKYARD_FUZZ_SEED").flatMap { UInt64(String(cString: $0)) } ?? defaultSeed
    }
}
