import Foundation
import Testing
import TestSupport

/// A registry that is not on this machine's loopback must speak HTTPS: one in plain HTTP is
/// refused with words that say what to configure, and is used once it is in
/// `insecure-registries`. The registry listens on this machine's first non-loopback address,
/// which stands in for another host.
@Suite("plain HTTP off loopback",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"),
       .enabled(if: OtherHostAddress.first != nil, "this machine has no non-loopback IPv4 address to stand in for another host"))
struct RegistryInsecureTests {
    @Test("server gave HTTP response to HTTPS client, then allowed by insecure-registries")
    func insecureRegistry() throws {
        let directory = try TemporaryDirectory(prefix: "insecure")
        let address = try #require(OtherHostAddress.first)
        let port = try LoopbackPort.free()
        let host = "\(address):\(port)"
        try directory.write("config.yml", """
            version: 0.1
            storage:
              filesystem:
                rootdirectory: \(directory.appending("data"))
            http:
              addr: \(host)
            log:
              level: error
            """)
        let registry = try BackgroundServer(try #require(HostTools.executable("docker-registry")),
                                            ["serve", directory.appending("config.yml")], logPath: directory.appending("registry.log"))
        defer { registry.stop() }
        #expect(try registry.waitUntilAnswering("http://\(host)/v2/"), "\(registry.log)")

        let dockyard = DockyardProcess(root: directory.appending("root"),
                                       environment: ["XDG_CONFIG_HOME": directory.appending("xdg"),
                                                     "DOCKER_CONFIG": directory.appending("docker")])
        #expect(try dockyard.run(["run", "--rm", "busybox", "true"]).status == 0)
        #expect(try dockyard.run(["tag", "busybox", "\(host)/tools/busybox:v1"]).status == 0)
        let refused = try dockyard.run(["push", "\(host)/tools/busybox:v1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("server gave HTTP response to HTTPS client"), "\(refused.stderr)")
        #expect(refused.stderr.contains("add \"\(host)\" to \"insecure-registries\""))

        try directory.write("xdg/dockyard/registries.json", #"{"insecure-registries": ["\#(host)"]}"#)
        let pushed = try dockyard.run(["push", "\(host)/tools/busybox:v1"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let pulled = try DockyardProcess(root: directory.appending("other"), environment: dockyard.environment)
            .run(["run", "--rm", "\(host)/tools/busybox:v1", "echo", "came over plain HTTP"])
        #expect(pulled.stdout == "came over plain HTTP\n", "\(pulled.stderr)")
    }
}

/// This machine's first IPv4 address outside 127.0.0.0/8: a stand-in for another host.
enum OtherHostAddress {
    /// `ip -4 -o addr`, the first address not in 127.0.0.0/8.
    static let first: String? = {
        guard let ip = HostTools.executable("ip"), let result = try? HostProcess.run(ip, ["-4", "-o", "addr"]) else { return nil }
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let index = fields.firstIndex(of: "inet"), index + 1 < fields.count else { return nil }
            let address = String(fields[index + 1].split(separator: "/")[0])
            return address.hasPrefix("127.") ? nil : address
        }.first
    }()
}
