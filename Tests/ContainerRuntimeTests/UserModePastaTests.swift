@testable import ContainerRuntime
import Explain
import Foundation
import HostSystem
import LinuxKernel
import Testing
import TestSupport

/// pasta for real, as root, on a process in a new network namespace made by `unshare --net`:
/// a published port answers from the host, and after `stop` pasta is gone (it would otherwise
/// outlive the namespace's processes: it holds the namespace open).
@Suite("User-mode network: pasta on a real network namespace", .serialized)
struct UserModePastaTests {
    static var canRun: Bool {
        Privileges.isRoot && Privileges.hasBusybox && FileManager.default.isExecutableFile(atPath: PastaArguments.program)
    }

    @Test("a published port reaches a server in the namespace, and stop leaves no pasta behind",
          .enabled(if: canRun, "needs root (to make a network namespace), /bin/busybox and /usr/bin/pasta (Debian's passt)"))
    func publishAndStop() throws {
        let directory = try TemporaryDirectory(prefix: "pasta")
        let server = try NamespacedServer()
        defer { server.end() }

        let events = EventRecorder()
        let network = UserModeNetwork(host: LiveHost(kernel: LiveKernel(events: events)), pidFile: directory.path + "/pasta.pid")
        let loopback = try #require(IPv4Address("127.0.0.1"))
        let free = try HostPorts.free(PortMapping(hostIP: loopback, hostPort: 0, containerPort: 80))
        let published = [PortMapping(hostIP: loopback, hostPort: free, containerPort: 80)]
        try network.check(network: "bridge", ports: published)
        let prepared = network.prepare(network: "bridge", ports: published)
        let started = try network.start(prepared, containerPid: server.pid)
        let pasta = try #require(started.pid)
        #expect(started.startTime != nil && Self.isAlive(pasta))

        var client = HostProgram("/bin/busybox", ["nc", "127.0.0.1", "\(free)"])
        client.timeout = 5
        #expect(try client.run().outputText == "hello\n")

        network.stop(started)
        #expect(!Self.isAlive(pasta))
        let names = events.events.map(\.name)
        #expect(names == ["networkHelperStarted", "networkHelperStopped"])
        if case let .networkHelperStarted(_, pid, arguments, ports)? = events.events.first?.kind {
            #expect(pid == pasta && arguments.contains("127.0.0.1/\(free):80") && ports == ["80/tcp -> 127.0.0.1:\(free)"])
        }
        // Stopping again (the janitor after a crash) signals nothing.
        network.stop(started)
        #expect(events.events.count == 2)
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return ProcessStat.state(in: text) != "Z"
    }
}

/// `unshare --net busybox nc -l -p 80 -e echo hello`: one process in a new network namespace
/// that answers one connection on port 80 (unshare execs busybox in place, so its pid is the
/// server's). Started with Foundation's Process (posix_spawn) from the test.
struct NamespacedServer {
    let process: Process

    var pid: Int32 { process.processIdentifier }

    init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--net", "/bin/busybox", "nc", "-l", "-p", "80", "-e", "echo", "hello"]
        try process.run()
        // Ready once it is busybox in a network namespace that is not ours.
        let ours = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
        for _ in 0..<200 {
            let theirs = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net")
            let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
            if let theirs, theirs != ours, command == "busybox\n" { return }
            usleep(10_000)
        }
        process.terminate()
        throw RuntimeError("unshare --net busybox nc did not start")
    }

    func end() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// A whole run in user mode, as root: the container sees eth0 with an address and a default
/// route, pasta's DNS address in resolv.conf, no way to the host's loopback, and pasta is gone
/// once the run is over.
@Suite("User-mode network: a container run with pasta", .serialized)
struct UserModeRunTests {
    @Test("the container gets eth0, a default route and pasta's DNS, cannot reach the host's 127.0.0.1, and pasta goes with it",
          .enabled(if: UserModePastaTests.canRun, "needs root (to run containers), /bin/busybox and /usr/bin/pasta (Debian's passt)"))
    func run() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let fixture = try ContainerFixture()
        var runner = fixture.runner
        runner.userModeNetworking = true
        let outputPath = fixture.root + "/output"
        let fd = open(outputPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        let script = """
            busybox ip -4 addr show eth0; busybox ip -4 route; cat /etc/resolv.conf
            gateway=$(busybox ip -4 route | busybox awk '/^default/ { print $3 }')
            busybox nc -w 1 127.0.0.1 \(listener.port) </dev/null || echo refused-loopback
            busybox nc -w 1 $gateway \(listener.port) </dev/null || echo refused-gateway
            """
        let request = RunRequest(image: fixture.image, command: ["sh", "-c", script], network: .bridge,
                                 standardOutput: fd, standardError: fd)
        let outcome = try runner.run(request)
        let output = FileManager.default.contents(atPath: outputPath).map { String(decoding: $0, as: UTF8.self) } ?? ""

        #expect(outcome.exitCode == 0, "\(output)")
        #expect(output.contains("eth0") && output.contains("inet ") && output.contains("default via "), "\(output)")
        #expect(output.contains("nameserver 169.254.1.1"), "\(output)")
        #expect(!output.contains("host-loopback"), "\(output)")
        #expect(output.contains("refused-loopback"), "\(output)")
        let started = try #require(fixture.events.events.compactMap { event -> Int32? in
            if case let .networkHelperStarted(_, pid, _, _) = event.kind { return pid } else { return nil }
        }.first)
        #expect(fixture.events.events.contains { $0.kind == .networkHelperStopped(program: PastaArguments.program, pid: started) })
        #expect(!UserModePastaTests.isAlive(started))
        #expect(outcome.record.userModeNetwork == nil)
    }
}

extension UserModeRunTests {
    /// Root of a user namespace (rootless dockyard), which holds no CAP_NET_BIND_SERVICE on the host.
    static var isRootless: Bool {
        Privileges.isRoot && !PrivilegedPorts.canBindAnyPort(status: try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                                                              uidMap: try? String(contentsOfFile: "/proc/self/uid_map", encoding: .utf8))
    }

    @Test("rootless, -p 80:80 is refused before anything is made, naming the sysctl rather than calling the port taken",
          .enabled(if: isRootless && Privileges.hasBusybox, "needs uid 0 in a user namespace (rootless), without CAP_NET_BIND_SERVICE on the host"))
    func privilegedPortRootless() throws {
        let fixture = try ContainerFixture()
        var runner = fixture.runner
        runner.userModeNetworking = true
        var request = RunRequest(image: fixture.image, command: ["true"], network: .bridge)
        request.publishedPorts = [PortMapping(hostPort: 80, containerPort: 80)]
        let error = try #require(throws: RuntimeError.self) { _ = try runner.run(request) }
        #expect(error.message.contains("net.ipv4.ip_unprivileged_port_start"), "\(error)")
        #expect(!fixture.events.events.contains { $0.name == "networkHelperStarted" })
    }
}

/// A server on the host's 127.0.0.1 that answers "host-loopback": what a container must not reach.
final class LoopbackListener: @unchecked Sendable {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 8) == 0 else { throw RuntimeError("cannot listen on 127.0.0.1") }
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                _ = "host-loopback\n".withCString { write(client, $0, 14) }
                Glibc.close(client)
            }
        }
    }

    func close() {
        shutdown(fd, Int32(SHUT_RDWR))
        Glibc.close(fd)
    }
}
