import Foundation
import Testing
import TestSupport

/// Where a build's RUN steps are connected: by default each gets a network namespace of its own
/// on the default bridge, as in `docker build`; `--network none` and `host` as Docker has them.
@Suite("dockyard build --network", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"),
                "needs root, /bin/busybox and nft (Debian's nftables) to wire real containers"))
struct BuildNetworkTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "buildnet")
        dockyard = DockyardProcess(root: directory.appending("root"))
        try FileManager.default.createDirectory(atPath: directory.appending("context"), withIntermediateDirectories: true)
        let dockerfile = """
        FROM busybox
        RUN (readlink /proc/self/ns/net; ip -4 -o addr show eth0 2>&1; true) > /network
        """
        try dockerfile.write(toFile: directory.appending("context/Dockerfile"), atomically: true, encoding: .utf8)
    }

    /// What the RUN step saw, read back from the image it built.
    func network(_ flags: [String]) throws -> String {
        let build = try dockyard.run(["build", "-q", "--no-cache", "-t", "netprobe"] + flags + [directory.appending("context")])
        #expect(build.status == 0, "\(build.stderr)")
        return try dockyard.run(["run", "--rm", "--network", "none", "netprobe", "cat", "/network"]).stdout
    }

    @Test("by default a RUN step has its own network namespace and an address on the default bridge")
    func bridge() throws {
        let seen = try network([])
        let host = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
        #expect(!seen.contains(host), "\(seen)")
        #expect(seen.contains("eth0") && seen.contains("inet 10."), "\(seen)")
    }

    @Test("--network host shares the host's namespace; none has no eth0; anything else is refused")
    func hostAndNone() throws {
        let host = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
        #expect(try network(["--network", "host"]).hasPrefix(host))
        #expect(try network(["--network", "none"]).contains("can't find device"))
        let refused = try dockyard.run(["build", "--network", "bogus", directory.appending("context")])
        #expect(refused.status == 125 && refused.stderr.contains("\"bogus\""))
    }
}
