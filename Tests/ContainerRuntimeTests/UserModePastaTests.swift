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
        let prepared = try network.prepare(network: "bridge", ports: [PortMapping(hostIP: loopback, hostPort: free, containerPort: 80)])
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
