import Foundation
import HostSystem
import Testing

/// How the README's release build links `dockyard` and `dockyard-runtime` (issue #19's start-up floor,
/// docs/run-hot-path.md "Branch floor"): each flag removes work from every start, and losing one
/// brings back up to 1.8 M instructions of loader work without any test of behaviour noticing.
@Suite("The release binaries are linked for a fast start")
struct ReleaseLinkingTests {
    static let packageDirectory = ReadmeBuildTests.packageDirectory

    /// The release-only linker flags of one executable target, as `swift package dump-package` reads the manifest.
    static func releaseLinkerFlags(_ target: String) throws -> [String] {
        // A scratch path of its own: `swift test` holds the lock on the package's .build.
        let scratch = NSTemporaryDirectory() + "dockyard-dump-linking-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var describe = HostProgram("swift", ["package", "--scratch-path", scratch, "dump-package"], directory: packageDirectory)
        describe.searchesPath = true
        let result = try describe.run()
        try #require(result.waitStatus == 0, "swift package dump-package: \(result.errorText)")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any])
        let targets = try #require(package["targets"] as? [[String: Any]])
        let found = try #require(targets.first { $0["name"] as? String == target })
        return (found["settings"] as? [[String: Any]] ?? []).flatMap { setting -> [String] in
            guard setting["tool"] as? String == "linker",
                  (setting["condition"] as? [String: Any])?["config"] as? String == "release",
                  let unsafe = (setting["kind"] as? [String: Any])?["unsafeFlags"] as? [String: Any] else { return [] }
            return unsafe["_0"] as? [String] ?? []
        }
    }

    @Test("dockyard and dockyard-runtime link with lld, packed relocations, no exported symbols, no debug sections",
          arguments: ["dockyard", "dockyard-runtime"])
    func releaseFlags(target: String) throws {
        let flags = try Self.releaseLinkerFlags(target)
        #expect(flags.contains("-use-ld=lld"))
        #expect(flags.contains("pack-relative-relocs"))
        #expect(flags.contains("--no-export-dynamic"))
        #expect(flags.contains("--strip-debug"))
        #expect(flags.contains(Self.packageDirectory + "/link"), "libstdc++ is found in link/ first")
        // Position-independent still: a binary that runs as root keeps its address-space randomisation.
        #expect(!flags.contains("-no-pie") && !flags.contains("--no-pie"))
    }

    @Test("link/libstdc++.a names this machine's static C++ library")
    func staticLibstdcxx() throws {
        var status = stat()
        // stat follows the link: a dangling one would send the linker back to libstdc++.so.6.
        #expect(stat(Self.packageDirectory + "/link/libstdc++.a", &status) == 0, "install Debian 12's libstdc++-12-dev")
        #expect(status.st_mode & S_IFMT == S_IFREG)
    }
}
