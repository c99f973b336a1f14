import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `--network container:`, `--pid`, `--ipc`, `--uts` with the real kernel: the debug-sidecar
/// pattern, Docker's refusals, inspect's modes, and a joiner outliving the container it joined.
@Suite("shared namespaces, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"),
                "needs root, /bin/busybox and nft to run real containers on the bridge"))
struct SharedNamespaceTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "share")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// Starts `web`: busybox httpd serving /etc on port 8080.
    func startWeb(_ name: String, _ extra: [String] = []) throws -> String {
        let started = try dockyard.run(["run", "-d", "--name", name] + extra + ["busybox", "httpd", "-f", "-p", "8080", "-h", "/etc"])
        try #require(started.status == 0, "\(started.stderr)")
        return started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func pid(of name: String) throws -> Int32 {
        let text = try dockyard.run(["inspect", "-f", "{{.State.Pid}}", name]).stdout
        return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(text)")
    }

    static func inode(_ pid: Int32, _ kind: String) -> String {
        ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)")) ?? "none")
            .filter(\.isNumber)
    }

    @Test("a debug sidecar in web's pid and network namespaces sees web's processes and its localhost server")
    func debugSidecar() throws {
        let id = try startWeb("web")
        defer { _ = try? dockyard.run(["rm", "-f", "web"]) }
        let sidecar = try dockyard.run(["run", "--rm", "--explain=json", "--pid", "container:web", "--network", "container:web", "busybox",
                                        "sh", "-c", "ps; for i in 1 2 3 4 5; do wget -qO- localhost:8080/hostname && break; sleep 0.2; done; hostname"])
        #expect(sidecar.status == 0, "\(sidecar.stderr)")
        #expect(sidecar.stdout.contains("httpd -f -p 8080"), "web's process is visible: \(sidecar.stdout)")
        // web's /etc/hostname, served on web's loopback; the sidecar has web's host name, as in Docker.
        let lines = sidecar.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == String(id.prefix(12)) }.count == 2, "\(sidecar.stdout)")

        // --explain shows the joined namespaces with web's own inodes, and creates no net or pid namespace.
        let web = try pid(of: "web")
        for kind in ["net", "pid"] {
            #expect(sidecar.stderr.contains(#""event":"namespaceJoined","simulated":false,"kind":"\#(kind)","inode":\#(Self.inode(web, kind))}"#),
                    "\(kind) joined with web's inode \(Self.inode(web, kind)): \(sidecar.stderr)")
        }
        #expect(!sidecar.stderr.contains("CLONE_NEWNET") && !sidecar.stderr.contains("CLONE_NEWPID"), "\(sidecar.stderr)")
    }

    @Test("Docker's refusals: ports or a host name with another's network, a donor not running, IPC not shareable, a bad mode")
    func refusals() throws {
        _ = try startWeb("donor")
        defer { _ = try? dockyard.run(["rm", "-f", "donor"]) }
        let cases: [([String], String)] = [
            (["-p", "8081:80", "--network", "container:donor"], "conflicting options: port publishing and the container type network mode"),
            (["-h", "x", "--network", "container:donor"], "conflicting options: hostname and the network mode"),
            (["-h", "x", "--uts", "host"], "conflicting options: hostname and the UTS mode"),
            (["--ipc", "container:donor"], "non-shareable IPC (hint: use IpcMode:shareable for the donor container)"),
            (["--network", "container:nothere"], "No such container: nothere"),
            (["--pid", "sideways"], "--pid: invalid PID mode: \"sideways\""),
            (["--uts", "container:donor"], "--uts: invalid UTS mode: \"container:donor\""),
        ]
        for (flags, message) in cases {
            let result = try dockyard.run(["run", "--rm"] + flags + ["busybox", "true"])
            #expect(result.status == 125, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(flags): \(result.stderr)")
        }
        #expect(try dockyard.run(["stop", "-t", "0", "donor"]).status == 0)
        let stopped = try dockyard.run(["run", "--rm", "--network", "container:donor", "busybox", "true"])
        #expect(stopped.status == 125)
        #expect(stopped.stderr.contains("cannot join network namespace of a non running container: container donor is exited"), "\(stopped.stderr)")
    }

    @Test("inspect shows Docker's NetworkMode, PidMode, IpcMode and UTSMode, the donor named by its full id")
    func inspectModes() throws {
        let id = try startWeb("modes", ["--ipc", "shareable"])
        defer { _ = try? dockyard.run(["rm", "-f", "modes", "joiner"]) }
        let joiner = try dockyard.run(["run", "-d", "--name", "joiner", "--network", "container:modes", "--pid", "host",
                                       "--ipc", "container:modes", "--uts", "host", "busybox", "sleep", "60"])
        #expect(joiner.status == 0, "\(joiner.stderr)")
        let modes = try dockyard.run(["inspect", "-f", "{{.HostConfig.NetworkMode}} {{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} {{.HostConfig.UTSMode}}", "joiner"])
        #expect(modes.stdout == "container:\(id) host container:\(id) host\n", "\(modes.stdout)")
        let defaults = try dockyard.run(["inspect", "-f", "{{.HostConfig.NetworkMode}} [{{.HostConfig.PidMode}}] {{.HostConfig.IpcMode}} [{{.HostConfig.UTSMode}}]", "modes"])
        #expect(defaults.stdout == "default [] shareable []\n", "\(defaults.stdout)")
        // --uts host keeps the host's name; --pid host shows the host's processes, as asked.
        let inside = try dockyard.run(["exec", "joiner", "sh", "-c", "hostname; cat /proc/1/comm; ipcs -q 2>/dev/null | head -1"])
        var name = utsname()
        uname(&name)
        let hostName = withUnsafeBytes(of: name.nodename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let hostInit = (try? String(contentsOfFile: "/proc/1/comm", encoding: .utf8)) ?? ""
        #expect(inside.stdout.hasPrefix(hostName + "\n" + hostInit), "\(inside.stdout)")
    }

    @Test("a joiner keeps the network namespace after the container it joined has stopped, as with Docker")
    func joinerOutlivesDonor() throws {
        _ = try startWeb("first")
        defer { _ = try? dockyard.run(["rm", "-f", "first", "second"]) }
        let second = try dockyard.run(["run", "-d", "--name", "second", "--network", "container:first", "busybox", "sleep", "60"])
        #expect(second.status == 0, "\(second.stderr)")
        let joinerPid = try pid(of: "second")
        let shared = Self.inode(joinerPid, "net")
        #expect(shared == Self.inode(try pid(of: "first"), "net"))
        #expect(try dockyard.run(["stop", "-t", "1", "first"]).status == 0)
        let after = try dockyard.run(["exec", "second", "sh", "-c", "ip -o link show lo"])
        #expect(after.status == 0, "the joiner still runs: \(after.stderr)")
        #expect(after.stdout.contains("lo:") && after.stdout.contains("UP"), "\(after.stdout)")
        #expect(Self.inode(joinerPid, "net") == shared, "the same namespace, held by the joiner alone")
    }
}
