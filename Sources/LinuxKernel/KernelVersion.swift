#if canImport(Glibc)
import Glibc
#endif

/// A kernel's major.minor version, as Docker's `minKernel` compares it ("4.8" with "6.18.44-...").
public struct KernelVersion: Sendable, Equatable, Comparable {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses the leading "MAJOR.MINOR" of a release string; nil when there is none.
    public init?(_ release: String) {
        let parts = release.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let major = Int(parts[0]),
              let minor = Int(parts[1].prefix { $0.isNumber }) else { return nil }
        self.init(major: major, minor: minor)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }

    /// The running kernel's version (uname -r); 0.0 if it cannot be read, so no minKernel entry applies.
    public static let running: KernelVersion = {
        var names = utsname()
        guard uname(&names) == 0 else { return KernelVersion(major: 0, minor: 0) }
        let release = withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return KernelVersion(release) ?? KernelVersion(major: 0, minor: 0)
    }()
}
