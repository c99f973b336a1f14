import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `network connect` and `disconnect` with the real binary: a second veth into a running
/// container, traffic to a peer that is only on the second network, and nothing left behind.
@Suite("network connect and disconnect, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"),
                "needs root, /bin/busybox and nft (Debian's nftables) to wire real containers"))
struct NetworkConnectTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "netconnect")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("connect gives a running container eth1 on another network, reaching a peer there; inspect shows both; disconnect removes it")
    func connectDisconnect() throws {
        let suffix = UInt16.random(in: 1000...65000)
        let (first, second) = ("dyca-\(suffix)", "dycb-\(suffix)")
        #expect(try dockyard.run(["network", "create", first]).status == 0)
        #expect(try dockyard.run(["network", "create", second]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", first, second]) }
        #expect(try dockyard.run(["run", "-d", "--name", "peer", "--network", second, "busybox", "sleep", "60"]).status == 0)
        #expect(try dockyard.run(["run", "-d", "--name", "walker", "--network", first, "busybox", "sleep", "60"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "peer", "walker"]) }
        let peer = try dockyard.run(["inspect", "-f", "{{(index .NetworkSettings.Networks \"\(second)\").IPAddress}}", "peer"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(peer.hasPrefix("10."), "\(peer)")
        #expect(try dockyard.run(["exec", "walker", "ping", "-c1", "-W1", peer]).status != 0, "isolated before connect")

        let connected = try dockyard.run(["network", "connect", second, "walker"])
        #expect(connected.status == 0, "\(connected.stderr)")
        let eth1 = try dockyard.run(["exec", "walker", "ip", "-4", "-o", "addr", "show", "eth1"]).stdout
        let address = try dockyard.run(["inspect", "-f", "{{(index .NetworkSettings.Networks \"\(second)\").IPAddress}}", "walker"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(eth1.contains("inet \(address)/"), "\(eth1)")
        #expect(try dockyard.run(["exec", "walker", "ip", "route"]).stdout.split(separator: "\n").filter { $0.hasPrefix("default") }.count == 1)
        let ping = try dockyard.run(["exec", "walker", "ping", "-c1", "-W2", peer])
        #expect(ping.status == 0, "\(ping.stdout)\(ping.stderr)")
        #expect(try dockyard.run(["inspect", "-f", "{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}", "walker"]).stdout
                == "\(first) \(second) \n")
        #expect(try dockyard.run(["network", "connect", second, "walker"]).stderr
                == "Error response from daemon: endpoint with name walker already exists in network \(second)\n")
        #expect(try dockyard.run(["network", "rm", second]).stderr.contains("has active endpoints"))

        let host = "d1" + String(try dockyard.run(["inspect", "-f", "{{.Id}}", "walker"]).stdout.prefix(12))
        #expect(FileManager.default.fileExists(atPath: "/sys/class/net/\(host)"))
        #expect(try dockyard.run(["network", "disconnect", second, "walker"]).status == 0)
        #expect(try dockyard.run(["exec", "walker", "ip", "link", "show", "eth1"]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: "/sys/class/net/\(host)"), "the veth's host end stayed")
        #expect(try dockyard.run(["exec", "walker", "ping", "-c1", "-W1", peer]).status != 0)
        #expect(try dockyard.run(["network", "disconnect", second, "walker"]).stderr.contains("is not connected to network"))

        // Connected again and then stopped: the exit takes the second veth and lease with it.
        #expect(try dockyard.run(["network", "connect", second, "walker"]).status == 0)
        #expect(try dockyard.run(["stop", "-t", "0", "walker"]).status == 0)
        // This veth goes with the container's network namespace, which the kernel tears down in a
        // worker after the last process exits (HostInterfaces): waited for, as the other suites do.
        #expect(HostInterfaces.awaitDeletion(of: host), "the second veth's host end stayed after the stop")
        #expect(try dockyard.run(["rm", "-f", "peer", "walker"]).status == 0)
        #expect(try dockyard.run(["network", "rm", second]).status == 0, "a lease or endpoint was left on \(second)")
    }
}
