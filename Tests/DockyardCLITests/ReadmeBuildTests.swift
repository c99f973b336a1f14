import Foundation
import HostSystem
import Testing

/// The README's build (`swift build -c release --product dockyard`, in `scripts/demo`) builds one
/// product, and `run --init` and `-p` on a rootless user network look for `dockyard-init` beside it.
/// The real `--init` runs are in LifecycleTests; this pins that the one product brings the init along.
@Suite("The README's build product has everything run needs")
struct ReadmeBuildTests {
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test("building the product dockyard also builds dockyard-init")
    func productBuildsInit() throws {
        // A scratch path of its own: `swift test` holds the lock on the package's .build.
        let scratch = NSTemporaryDirectory() + "dockyard-dump-package-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var describe = HostProgram("swift", ["package", "--scratch-path", scratch, "dump-package"], directory: Self.packageDirectory)
        describe.searchesPath = true
        let result = try describe.run()
        try #require(result.waitStatus == 0, "swift package dump-package: \(result.errorText)")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any])
        let targets = try #require(package["targets"] as? [[String: Any]])
        let dockyard = try #require(targets.first { $0["name"] as? String == "dockyard" })
        let dependencies = (dockyard["dependencies"] as? [[String: Any]] ?? []).compactMap {
            ($0["byName"] as? [Any])?.first as? String
        }
        #expect(dependencies.contains("dockyard-init"))
    }

    @Test("scripts/demo builds that product in release, as the README says")
    func demoBuildsTheProduct() throws {
        let demo = try String(contentsOfFile: Self.packageDirectory + "/scripts/demo", encoding: .utf8)
        #expect(demo.contains("swift build -c release --product dockyard"))
    }
}
