/// A version in Semantic Versioning 2.0.0 (semver.org): `MAJOR.MINOR.PATCH`, then an optional
/// `-pre.release` and `+build` metadata. config.json's `ociVersion` MUST be one (runtime-spec
/// config.md), and a runtime MUST refuse values it cannot understand rather than guess.
public struct SemanticVersion: Sendable, Equatable {
    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    public var preRelease: [String]
    public var build: [String]

    /// Reads `text`, or nil when it is not SemVer 2.0.0 (`1.0`, `v1.0.0`, `01.0.0`, `invalid`).
    public init?(_ text: String) {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            guard let identifiers = Self.identifiers(rest[rest.index(after: plus)...], numeric: false) else { return nil }
            build = identifiers
            rest = rest[..<plus]
        }
        var preRelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            guard let identifiers = Self.identifiers(rest[rest.index(after: dash)...], numeric: true) else { return nil }
            preRelease = identifiers
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { return nil }
        let numbers = core.compactMap(Self.number)
        guard numbers.count == 3 else { return nil }
        (major, minor, patch) = (numbers[0], numbers[1], numbers[2])
        self.preRelease = preRelease
        self.build = build
    }

    /// A numeric identifier: digits only, no leading zero but in `0` itself.
    static func number(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), text == "0" || text.first != "0" else { return nil }
        return UInt64(text)
    }

    /// Dot-separated identifiers of `[0-9A-Za-z-]`, none empty; with `numeric`, an all-digit one
    /// has no leading zero (pre-release identifiers; build metadata may have them).
    static func identifiers(_ text: Substring, numeric: Bool) -> [String]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts {
            guard !part.isEmpty, part.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
            else { return nil }
            if numeric, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), number(part) == nil { return nil }
        }
        return parts.map(String.init)
    }
}
