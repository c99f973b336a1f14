import FoundationEssentials
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard` and `dockyard-runtime` link FoundationEssentials only: full Foundation would bring
/// its ~1,100 conformance records (which every conformance search at start-up walks) and ICU's
/// 34 MB (docs/run-hot-path.md, "Branch nofoundation"). One `import Foundation` anywhere in their
/// modules, or a dependency that imports it, puts it back; this catches that in any build.
@Suite("The dockyard binaries link no Foundation")
struct NoFoundationTests {
    /// What a binary holds when Foundation is linked: a debug build names the shared libraries it
    /// needs and the Foundation symbols it uses (`$s10Foundation…`); a static release build holds
    /// the symbols themselves, and ICU's data (`icudt…_dat`).
    static let markers = ["libFoundation.so", "libFoundationInternationalization.so", "$s10Foundation",
                          "$s33FoundationInternationalization", "icudt"]

    @Test("neither dockyard nor dockyard-runtime names Foundation, FoundationInternationalization or ICU",
          arguments: ["dockyard", "dockyard-runtime"])
    func noFoundation(binary: String) throws {
        let path = String(DockyardProcess.executable.dropLast("dockyard".count)) + binary
        let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        for marker in Self.markers {
            #expect(!Self.contains(bytes, marker), "\(binary) holds \(marker)")
        }
        // The search itself works: FoundationEssentials is linked, and named.
        #expect(Self.contains(bytes, "FoundationEssentials"))
    }

    /// Whether `marker` occurs in `bytes`: memchr(3) to each candidate first byte, memcmp(3) there
    /// (a debug binary is tens of MB, too slow to search byte by byte in unoptimised Swift).
    static func contains(_ bytes: Data, _ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        return bytes.withUnsafeBytes { (haystack: UnsafeRawBufferPointer) -> Bool in
            guard let base = haystack.baseAddress, let first = needle.first else { return false }
            var offset = 0
            while offset + needle.count <= haystack.count {
                guard let hit = memchr(base + offset, Int32(first), haystack.count - offset - needle.count + 1) else { return false }
                let position = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + position, needle, needle.count) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }
}
