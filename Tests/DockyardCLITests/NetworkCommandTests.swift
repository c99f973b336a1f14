import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Bridge networking end to end with the real binary: veths, addresses, routes, names, published
/// ports, and that nothing is left behind. Traffic goes only to loopback and to the containers'
/// own addresses.
@Suite("dockyard networking, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"),
                "needs root, /bin/busybox and nft (Debian's nftables) to wire real containers"))
struct NetworkCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "net")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("a container on the default bridge gets eth0 with its address and a default route, and leaves nothing")
    func defaultBridge() throws {
        let result = try dockyard.run(["run", "--rm", "--explain", "busybox", "sh", "-c", "ip -4 -o addr show eth0; ip route; cat /etc/hosts"])
        #expect(result.status == 0, "\(result.stderr)")
        let address = try #require(Self.firstMatch(#"inet (10\.\d+\.\d+\.\d+)/"#, in: result.stdout), "\(result.stdout)")
        #expect(result.stdout.contains("default via "), "\(result.stdout)")
        #expect(result.stdout.contains("\(address)\t"), "the hosts file names the container at its address")
        for expected in ["veth       dy", "<-> eth0", "address    \(address)/", "route      default via", "ipam       leased",
                         "ipam       released"] {
            #expect(result.stderr.contains(expected), "missing \(expected)")
        }
        let veth = try #require(Self.firstMatch(#"veth       (dy[0-9a-f]{12}) "#, in: result.stderr))
        #expect(HostInterfaces.awaitDeletion(of: veth), "veth \(veth) left behind")
        #expect(!Self.poolText("dockyard0").contains("\"address\" : \"\(address)\""), "lease of \(address) left behind")
        #expect(HostInterfaces.exists("dockyard0"), "the default bridge stays, as docker0 does")
    }

    @Test("network create, ls, inspect and rm make and remove a bridge with its subnet")
    func networkVerbs() throws {
        let name = "dytest-\(UInt16.random(in: 1000...65000))"
        let created = try dockyard.run(["network", "create", "--subnet", "10.231.7.0/24", name])
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bridge = "dy-" + id.prefix(12)
        #expect(HostInterfaces.exists(bridge))
        #expect(Self.command("/usr/sbin/ip", ["-4", "-o", "addr", "show", bridge]).contains("10.231.7.1/24"))
        #expect(try dockyard.run(["network", "ls"]).stdout.contains(name))
        #expect(try dockyard.run(["network", "inspect", name]).stdout.contains("10.231.7.0/24"))
        #expect(try dockyard.run(["network", "create", name]).status != 0, "a duplicate name is refused")
        #expect(try dockyard.run(["network", "create", "--subnet", "10.231.7.128/25", name + "x"]).status != 0, "an overlapping subnet is refused")
        #expect(try dockyard.run(["network", "rm", "bridge"]).status != 0, "the default network cannot be removed")

        let removed = try dockyard.run(["network", "rm", name])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!HostInterfaces.exists(bridge))
        #expect(!Self.command("/usr/sbin/nft", ["list", "set", "ip", "dockyard", "subnets"]).contains("10.231.7.0/24"))
        #expect(!Self.command("/usr/sbin/nft", ["list", "chain", "ip", "filter", "FORWARD"]).contains(bridge))
        #expect(!(try dockyard.run(["network", "ls"]).stdout.contains(name)))
    }

    @Test("two containers on one user network ping each other by name, and a killed run is cleaned up")
    func namesOnUserNetwork() throws {
        let network = "dyping-\(UInt16.random(in: 1000...65000))"
        #expect(try dockyard.run(["network", "create", network]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", network]) }
        let server = "srv-\(UInt16.random(in: 1000...65000))"
        let background = try dockyard.start(["run", "--rm", "--name", server, "--network", network, "busybox", "sleep", "60"])
        defer { stop(background) }
        let record = try waitUntilAttached(server)
        let serverAddress = try #require(Self.firstMatch(#""IPAddress": "([0-9.]+)""#, in: record), "\(record)")

        let client = try dockyard.run(["run", "--rm", "--network", network, "busybox", "sh", "-c",
                                       "cat /etc/hosts; ping -c 1 -W 2 \(server)"])
        #expect(client.status == 0, "ping by name failed: \(client.stdout) \(client.stderr)")
        #expect(client.stdout.contains("\(serverAddress)\t\(server)"), "\(client.stdout)")
        #expect(client.stdout.contains("1 packets received"), "\(client.stdout)")

        // The client has gone: the server's /etc/hosts (the same file, bind-mounted) lists it no more.
        let serverID = try #require(Self.firstMatch(#""Id": "([0-9a-f]{64})""#, in: record))
        let hosts = (try? String(contentsOfFile: directory.appending("root/containers/\(serverID)/hosts"), encoding: .utf8)) ?? ""
        #expect(hosts.contains("\(serverAddress)\t") && hosts.contains(server) && !hosts.contains("# peers"), "\(hosts)")

        // SIGKILL the server's dockyard: the container dies with it, and the next command's janitor
        // removes its veth, its lease and (being --rm) the container.
        kill(background.processIdentifier, SIGKILL)
        background.waitUntilExit()
        _ = try dockyard.run(["ps", "-a"])
        #expect(!HostInterfaces.exists("dy" + serverID.prefix(12)), "veth left behind")
        #expect(!Self.allPools().contains(serverID), "lease left behind")
    }

    @Test("user networks are isolated from each other; the default network's containers reach each other")
    func isolation() throws {
        let suffix = UInt16.random(in: 1000...65000)
        let (near, far) = ("dynear-\(suffix)", "dyfar-\(suffix)")
        #expect(try dockyard.run(["network", "create", near]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", near]) }
        #expect(try dockyard.run(["network", "create", far]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", far]) }
        var servers: [Process] = []
        defer { servers.forEach(stop) }
        var addresses: [String: String] = [:]
        for network in [far, "bridge"] {
            let name = "target-\(network)-\(suffix)"
            servers.append(try dockyard.start(["run", "--rm", "--name", name, "--network", network, "busybox", "sleep", "60"]))
            let record = try waitUntilAttached(name)
            addresses[network] = try #require(Self.firstMatch(#""IPAddress": "([0-9.]+)""#, in: record), "\(record)")
        }
        let farAddress = try #require(addresses[far])
        let bridgeAddress = try #require(addresses["bridge"])
        func ping(from network: String, _ address: String) throws -> Bool {
            try dockyard.run(["run", "--rm", "--network", network, "busybox", "ping", "-c", "1", "-W", "1", address]).status == 0
        }
        #expect(try !ping(from: near, farAddress), "a container on \(near) reached \(far)")
        #expect(try ping(from: far, farAddress), "a container on \(far) could not reach its neighbour")
        #expect(try !ping(from: "bridge", farAddress), "the default network reached \(far)")
        #expect(try ping(from: "bridge", bridgeAddress), "the default network's containers could not reach each other")
    }

    @Test("a published port answers from 127.0.0.1, dockyard port lists it, and its DNAT entry goes with the container")
    func publishedPort() throws {
        let port = try LoopbackPort.free()
        let name = "web-\(UInt16.random(in: 1000...65000))"
        let background = try dockyard.start(["run", "--rm", "--name", name, "-p", "127.0.0.1:\(port):80", "busybox",
                                             "httpd", "-f", "-p", "80", "-h", "/etc"])
        defer { stop(background) }
        let record = try waitUntilAttached(name)
        let id = try #require(Self.firstMatch(#""Id": "([0-9a-f]{64})""#, in: record))

        var answer = ""
        for _ in 0..<50 where !answer.contains("200 OK") {
            answer = Self.httpGet(port: port, path: "/hostname")
            if !answer.contains("200 OK") { usleep(100_000) }
        }
        #expect(answer.contains("200 OK") && answer.contains(String(id.prefix(12))), "answer: \(answer)")
        let listed = try dockyard.run(["port", name])
        #expect(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "80/tcp -> 127.0.0.1:\(port)", "\(listed.stdout)")
        #expect(Self.command("/usr/sbin/nft", ["list", "map", "ip", "dockyard", "tcp_addr"]).contains("127.0.0.1 . \(port)"))

        kill(background.processIdentifier, SIGKILL)
        background.waitUntilExit()
        _ = try dockyard.run(["ps", "-a"])
        #expect(!Self.command("/usr/sbin/nft", ["list", "map", "ip", "dockyard", "tcp_addr"]).contains(". \(port) :"), "DNAT entry left behind")
        #expect(!HostInterfaces.exists("dy" + id.prefix(12)))
        #expect(!Self.allPools().contains(id))
    }

    @Test("20 containers started at once on one network get distinct addresses, reach each other, and all go away")
    func twentyInParallel() throws {
        let network = "par" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        #expect(try dockyard.run(["network", "create", network]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", network]) }
        let names = (0..<20).map { "p\($0)" }
        let starts = try names.map { name in
            try dockyard.start(["run", "-d", "--name", name, "--network", network, "busybox", "sleep", "60"])
        }
        for process in starts { process.waitUntilExit() }
        #expect(starts.allSatisfy { $0.terminationStatus == 0 })
        var addresses: [String] = []
        for name in names {
            let record = try waitUntilAttached(name)
            addresses.append(Self.firstMatch(#""IPAddress": "([0-9.]+)""#, in: record) ?? "missing-\(name)")
        }
        #expect(Set(addresses).count == 20, "addresses: \(addresses)")
        #expect(try dockyard.run(["exec", "p0", "ping", "-c", "1", "-W", "2", "p19"]).status == 0)
        #expect(try dockyard.run(["exec", "p19", "ping", "-c", "1", "-W", "2", "p7"]).status == 0)
        let removed = try dockyard.run(["rm", "-f"] + names)
        #expect(removed.status == 0, "rm -f printed \(removed.stdout) and \(removed.stderr)")
        let leased = Self.leasedAddresses()
        for address in addresses { #expect(!leased.contains(address), "\(address) still leased") }
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
    }

    @Test("a host port already published is refused with Docker's message, and the refused container keeps nothing")
    func portInUse() throws {
        let port = try LoopbackPort.free()
        #expect(try dockyard.run(["run", "-d", "--name", "first", "-p", "127.0.0.1:\(port):80", "busybox", "sleep", "30"]).status == 0)
        let second = try dockyard.run(["run", "-d", "--name", "second", "-p", "127.0.0.1:\(port):80", "busybox", "sleep", "30"])
        #expect(second.status == 125)
        #expect(second.stderr.contains("Bind for 127.0.0.1:\(port) failed: port is already allocated"))
        let record = try dockyard.run(["inspect", "second"]).stdout
        let secondID = Self.firstMatch(#""Id": "([0-9a-f]{64})""#, in: record) ?? ""
        #expect(!secondID.isEmpty && HostInterfaces.awaitDeletion(of: "dy" + secondID.prefix(12)), "the refused container's veth stays")
        #expect(try dockyard.run(["rm", "-f", "first", "second"]).status == 0)
    }

    @Test("bad port specs are refused before anything is made")
    func badPorts() throws {
        let result = try dockyard.run(["run", "--rm", "-p", "99999:80", "busybox", "true"])
        #expect(result.status == 125)
        #expect(result.stderr.contains("invalid hostPort: 99999"), "\(result.stderr)")
    }

    // MARK: helpers

    /// Kills a background run (if a check failed before the test did) and lets the janitor
    /// clean up after it while its storage root still exists: a root deleted under a running
    /// container would leave its veth, lease and DNAT entries with no record to find them by.
    func stop(_ process: Process) {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        _ = try? dockyard.run(["ps", "-a"])
    }

    /// Polls `inspect` until the container runs with an address on its network; returns the JSON
    /// (Docker's shape: the address is under `NetworkSettings.Networks.NAME.IPAddress`).
    func waitUntilAttached(_ name: String) throws -> String {
        for _ in 0..<200 {
            let result = try dockyard.run(["inspect", "--type", "container", name])
            if result.status == 0, result.stdout.contains(#""Running": true"#), Self.firstMatch(#""IPAddress": "([0-9.]+)""#, in: result.stdout) != nil {
                return result.stdout
            }
            usleep(50_000)
        }
        throw NetworkTestError("container \(name) never came up")
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    static func poolText(_ bridge: String) -> String {
        (try? String(contentsOfFile: "/run/dockyard/ipam/\(bridge).json", encoding: .utf8)) ?? ""
    }

    /// Every address any pool still lends out (its `leases`, not its `last` pointer).
    static func leasedAddresses() -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/run/dockyard/ipam")) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap { name -> String? in
            guard let data = FileManager.default.contents(atPath: "/run/dockyard/ipam/" + name),
                  let pool = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return "\(pool["leases"] ?? "")"
        }.joined(separator: "\n")
    }

    static func allPools() -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/run/dockyard/ipam")) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { poolText(String($0.dropLast(5))) }.joined()
    }

    static func command(_ path: String, _ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }


    /// A plain HTTP/1.0 GET to 127.0.0.1:port, with a two-second timeout; "" if nothing answers.
    static func httpGet(port: UInt16, path: String) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        let request = "GET \(path) HTTP/1.0\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: response, as: UTF8.self)
    }
}

struct NetworkTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
