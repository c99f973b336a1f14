import Foundation
import Testing
import TestSupport

/// A shell script of the kind projects keep for CI (Tests/Scripts/smoke-test.sh), written for
/// Docker and run unchanged: `docker` on its PATH is a link to the built dockyard. It creates a
/// service with a healthcheck and a published port, waits for healthy with `inspect -f`, reads the
/// address, fetches the port with curl, reads `logs --since`, lists by `ps --filter`, cleans up.
@Suite("A Docker user's smoke-test script, unchanged", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct SmokeScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/smoke-test.sh").path

    @Test("create, wait for healthy, inspect -f, curl the published port, logs --since, ps --filter, rm -f")
    func smokeTest() throws {
        let directory = try TemporaryDirectory(prefix: "smoke")
        let bin = directory.appending("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/docker", withDestinationPath: DockyardProcess.executable)
        let port = try LoopbackPort.free()
        let result = try DockyardProcess.capture([
            "/usr/bin/env", "PATH=\(bin):/usr/bin:/bin", "DOCKYARD_ROOT=" + directory.appending("root"),
            "NAME=smoke-web", "PORT=\(port)", "/bin/sh", Self.script,
        ])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // The address on Dockyard's default bridge, as `{{range .NetworkSettings.Networks}}` finds it.
        let address = lines.first?.dropFirst("ip=".count).split(separator: ".") ?? []
        #expect(lines.first?.hasPrefix("ip=") == true && address.count == 4 && address.allSatisfy { UInt8($0) != nil }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("hello from ") }, "the page from the published port: \(lines)")
        #expect(lines.contains("server starting"), "logs --since: \(lines)")
        #expect(lines.contains { $0.hasPrefix("smoke-web: Up ") && $0.hasSuffix("(healthy)") }, "ps --filter: \(lines)")
        #expect(lines.last == "cleaned up", "\(lines)")
    }
}
