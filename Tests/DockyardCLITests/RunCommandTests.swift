import Foundation
import Testing
import TestSupport

/// `dockyard run` as a user types it: the real binary, real containers, a storage root each.
@Suite("dockyard run, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct RunCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "cli")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("the README's command runs a container and explains every kernel object it makes")
    func explainedRun() throws {
        let result = try dockyard.run(["run", "--rm", "--explain", "busybox", "sh", "-c", "hostname; echo $$; cat /proc/self/cgroup"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.count == 12 && lines.first?.allSatisfy(\.isHexDigit) == true)
        #expect(lines.dropFirst().first == "1")
        #expect(lines.dropFirst(2).allSatisfy { $0.hasSuffix(":/") })
        for expected in ["clone      pid", "namespace  pid    container pid:[", "namespace  cgroup", "cgroup     write",
                         "mount      overlay on", "lowerdir=", "upperdir=", "mount      proc on <rootfs>/proc",
                         "mknod      <rootfs>/dev/null c 1 3", "pivot_root", "hostname   ", "exec       sh -c",
                         "exit       status 0", "cgroup     rmdir", "remove     container (--rm)"] {
            #expect(result.stderr.contains(expected), "missing \(expected)")
        }
    }

    @Test("--explain ends with what the container changed in its writable layer, whiteouts included")
    func writableLayerAtExit() throws {
        let result = try dockyard.run(["run", "--rm", "--network", "none", "--explain", "busybox", "sh", "-c",
                                       "echo new > /new.txt; rm /bin/vi"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.stderr.split(separator: "\n").first { $0.contains("at exit:") } ?? ""
        #expect(line.contains("A /new.txt") && line.contains("D /bin/vi (whiteout)") && line.contains("C /bin"), "\(result.stderr)")
        #expect(!line.contains("/etc/hosts") && !line.contains("/proc"), "runtime mount points are not the container's changes")
        let quiet = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "true"])
        #expect(!quiet.stderr.contains("at exit"))
    }

    @Test("--explain=json prints one JSON object per event, with container and host inodes")
    func jsonExplain() throws {
        let result = try dockyard.run(["run", "--rm", "--explain=json", "busybox", "true"])
        #expect(result.status == 0)
        var namespaces = 0
        for line in result.stderr.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["event"] is String && object["simulated"] as? Bool == false)
            if object["event"] as? String == "namespace" {
                namespaces += 1
                #expect((object["containerInode"] as? Int) != (object["hostInode"] as? Int))
            }
        }
        #expect(namespaces == 6)
    }

    @Test("bad input gets one line naming the problem and Docker's exit status", arguments: [
        (["run", "nosuchimage"], Int32(125), "Unable to find image 'nosuchimage:latest' locally"),
        (["run", "--memory", "12q", "busybox", "true"], 125, "invalid argument \"12q\" for \"-m, --memory\" flag"),
        (["run", "--rm", "--memory", "1", "busybox", "true"], 125, "Minimum memory limit allowed is 6MB (got 1)"),
        (["run", "--rm", "busybox", "no-such-command"], 127, "executable file not found in $PATH"),
        (["run", "--rm", "busybox", "/etc/passwd"], 126, "Permission denied"),
        (["run", "--rm", "-u", "ghost", "busybox", "true"], 125, "unable to find user ghost"),
        (["run", "--rm", "busybox", "sh", "-c", "exit 7"], 7, ""),
    ])
    func exitStatuses(arguments: [String], status: Int32, message: String) throws {
        let result = try dockyard.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(message.isEmpty || result.stderr.contains(message))
    }

    @Test("a setup step that fails says which, exits 125, and leaves no cgroup, mount or running record")
    func setupFailureIsLoud() throws {
        for removed in [false, true] {
            let name = removed ? "broken-rm" : "broken"
            let result = try dockyard.run(["run", "--name", name, "--network", "none", "-w", "/etc/passwd"]
                                          + (removed ? ["--rm"] : []) + ["busybox", "true"])
            #expect(result.status == 125, "\(result)")
            #expect(result.stderr.contains("mkdir") && result.stderr.contains("etc/passwd")
                    && result.stderr.contains("Not a directory"), "\(result.stderr)")
            let listed = try dockyard.run(["ps", "-a", "--no-trunc"]).stdout
            let row = listed.split(separator: "\n").first { $0.hasSuffix(" " + name) }
            if removed {
                #expect(row == nil, "\(listed)")
            } else {
                #expect(row?.contains("Created") == true, "\(listed)")
            }
            let id = try dockyard.run(["inspect", "--type", "container", name]).stdout
            let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            #expect(!mounts.contains(dockyard.root + "/containers/"), "a mount was left behind")
            if !removed, let full = id.split(separator: "\"").first(where: { $0.count == 64 }) {
                #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/dockyard/\(full)"))
            }
        }
    }

    @Test("a memory hog is OOM-killed: status 137 and a message that says so")
    func oomMessage() throws {
        let result = try dockyard.run(["run", "--rm", "--memory", "16m", "busybox", "tail", "/dev/zero"])
        #expect(result.status == 137)
        #expect(result.stderr.contains("OOM killer"))
    }

    @Test("without --rm the exited container stays for ps, inspect and rm")
    func lifecycle() throws {
        #expect(try dockyard.run(["run", "--name", "keeper", "busybox", "true"]).status == 0)
        let listed = try dockyard.run(["ps", "-a"])
        #expect(listed.stdout.hasPrefix("CONTAINER ID   IMAGE"))
        #expect(listed.stdout.contains("Exited (0)") && listed.stdout.contains("keeper"))
        #expect(try dockyard.run(["ps"]).stdout.contains("keeper") == false)
        let inspected = try dockyard.run(["inspect", "keeper"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [[String: Any]])
        #expect(records.first?["Name"] as? String == "/keeper")
        #expect(try dockyard.run(["run", "--name", "keeper", "busybox", "true"]).status == 125)
        #expect(try dockyard.run(["rm", "keeper"]).status == 0)
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
    }

    @Test("SIGKILL to dockyard mid-run leaves no process, cgroup or mount once the next command has run")
    func killedMidRun() throws {
        let process = try dockyard.start(["run", "--name", "victim", "busybox", "sleep", "30"])
        var record: [String: Any] = [:]
        for _ in 0..<200 {
            let inspected = try dockyard.run(["inspect", "victim"])
            if let records = try? JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [[String: Any]],
               let first = records.first, (first["State"] as? [String: Any])?["Status"] as? String == "running" {
                record = first
                break
            }
            usleep(10_000)
        }
        let pid = try #require((record["State"] as? [String: Any])?["Pid"] as? Int)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let listed = try dockyard.run(["ps", "-a"])
        #expect(listed.stdout.contains("Exited (137)"))
        // Gone, or at most a zombie waiting for init to reap it: it runs no more.
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))
            .flatMap { $0.split(separator: ")").last?.split(separator: " ").first }
        #expect(state == nil || state == "Z", "the container's process should be gone, is \(state ?? "")")
        for path in try #require((record["Dockyard"] as? [String: Any])?["CgroupPaths"] as? [String]) {
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.contains(directory.path))
        #expect(try dockyard.run(["rm", "victim"]).status == 0)
    }

    @Test("as a user without root or subordinate ids, run is rootless with its own id alone, says so, and --simulate works without it")
    func withoutRoot() throws {
        let root = directory.appending("nobody-root")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        chmod(directory.path, 0o755)
        chmod(root, 0o777)
        let nobody = DockyardProcess(root: root)
        let drop = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        defer {   // nobody's holder goes with the test
            let pkill = Process()
            pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            pkill.arguments = ["-u", "nobody", "dockyard-holder"]
            try? pkill.run()
            pkill.waitUntilExit()
        }
        let real = try nobody.run(["run", "--rm", "--network", "none", "busybox", "cat", "/proc/self/uid_map"], prefix: drop)
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.split(whereSeparator: \.isWhitespace) == ["0", "65534", "1"], "\(real.stdout)")
        let otherUser = try nobody.run(["run", "--rm", "--network", "none", "-u", "1000", "busybox", "true"], prefix: drop)
        #expect(otherUser.status == 125 && otherUser.stderr.contains("uid 1000 does not exist in your rootless user namespace"), "\(otherUser.stderr)")

        let simulated = try nobody.run(["run", "--simulate", "--memory", "64m", "busybox", "hostname"], prefix: drop)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(simulated.stdout.isEmpty)
        #expect(simulated.stderr.contains("(simulated)") && simulated.stderr.contains("was not executed"))
        #expect(simulated.stderr.contains("namespace  pid"))
        #expect(simulated.stderr.contains("67108864"))
    }
}
