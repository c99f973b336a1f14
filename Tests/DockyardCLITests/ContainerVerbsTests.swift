import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The container verbs Docker's scripts use beside `run`: create then start, rename, update (read
/// back from the cgroup files), attach, events, and the prunes. Real containers, the real binary,
/// a storage root per test.
@Suite("create, start, rename, update, attach, events, prune", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct ContainerVerbsTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "verbs")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<300 {
            if try condition() { return true }
            usleep(20_000)
        }
        return false
    }

    func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    @Test("create makes a container in state created that nothing runs yet; start runs it with create's flags")
    func createThenStart() throws {
        let created = try dockyard.run(["create", "--name", "later", "-e", "WHO=created", "busybox", "sh", "-c", "echo hi $WHO; sleep 30"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = trimmed(created.stdout)
        #expect(id.count == 64)
        #expect(trimmed(try dockyard.run(["ps", "-a", "--format", "{{.Names}} {{.State}} {{.Status}}"]).stdout) == "later created Created")
        #expect(try dockyard.run(["ps", "-q"]).stdout.isEmpty, "a created container is not running")
        #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/pids/dockyard/\(id)"), "create made a cgroup")
        #expect(try dockyard.run(["create", "-d", "busybox"]).status == 125)
        #expect(try dockyard.run(["create", "--name", "later", "busybox"]).stderr.contains("is already in use"))

        #expect(try dockyard.run(["start", "later"]).stdout == "later\n")
        #expect(try waitUntil { try dockyard.run(["logs", "later"]).stdout == "hi created\n" })
        #expect(trimmed(try dockyard.run(["container", "ls", "--format", "{{.Names}} {{.State}}"]).stdout) == "later running")
        #expect(try dockyard.run(["container", "inspect", "-f", "{{.State.Status}}", "later"]).stdout == "running\n")
        #expect(try dockyard.run(["rm", "-f", "later"]).status == 0)
    }

    @Test("update writes the new limits into a running container's cgroup files, and keeps them in its record")
    func update() throws {
        let id = trimmed(try dockyard.run(["run", "-d", "--name", "limited", "-m", "64m", "--pids-limit", "20", "busybox", "sleep", "30"]).stdout)
        defer { _ = try? dockyard.run(["rm", "-f", id]) }
        func cgroup(_ controller: String, _ file: String) throws -> String {
            trimmed(try String(contentsOfFile: "/sys/fs/cgroup/\(controller)/dockyard/\(id)/\(file)", encoding: .utf8))
        }
        #expect(try cgroup("memory", "memory.limit_in_bytes") == "67108864")
        #expect(try cgroup("pids", "pids.max") == "20")
        #expect(try cgroup("cpu", "cpu.cfs_quota_us") == "-1")

        let updated = try dockyard.run(["update", "-m", "128m", "--pids-limit", "50", "--cpus", "0.5", "--restart", "on-failure:3", "limited"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout == "limited\n")
        #expect(try cgroup("memory", "memory.limit_in_bytes") == "134217728")
        #expect(try cgroup("memory", "memory.memsw.limit_in_bytes") == "268435456")
        #expect(try cgroup("pids", "pids.max") == "50")
        #expect(try cgroup("cpu", "cpu.cfs_quota_us") == "50000")
        #expect(try dockyard.run(["update", "--pids-limit", "-1", "limited"]).status == 0)
        #expect(try cgroup("pids", "pids.max") == "max")
        let inspected = try dockyard.run(["inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}}", "limited"])
        #expect(inspected.stdout == "134217728 500000000 on-failure\n", "\(inspected.stderr)")

        #expect(try dockyard.run(["update", "limited"]).status == 125, "no flag at all")
        let bad = try dockyard.run(["update", "-m", "12q", "limited"])
        #expect(bad.status == 125 && bad.stderr.contains("\"12q\""))
        #expect(try dockyard.run(["update", "-m", "64m", "nosuch"]).stderr.contains("No such container: nosuch"))
        // A kill ends it; the record it leaves keeps the update.
        #expect(try dockyard.run(["kill", "limited"]).status == 0)
        #expect(try waitUntil { try dockyard.run(["ps", "-q"]).stdout.isEmpty })
        #expect(try dockyard.run(["inspect", "-f", "{{.HostConfig.Memory}}", "limited"]).stdout == "134217728\n")
    }

    @Test("rename changes the name ps and inspect show, refuses a taken one, and outlives the container's exit")
    func rename() throws {
        #expect(try dockyard.run(["run", "-d", "--name", "first", "busybox", "sleep", "1"]).status == 0)
        #expect(try dockyard.run(["create", "--name", "taken", "busybox", "true"]).status == 0)
        #expect(try dockyard.run(["rename", "first", "second"]).status == 0)
        #expect(try dockyard.run(["ps", "--format", "{{.Names}}"]).stdout == "second\n")
        let conflict = try dockyard.run(["rename", "second", "taken"])
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("The container name \"/taken\" is already in use"))
        #expect(try dockyard.run(["rename", "second", "bad/name"]).stderr.contains("Invalid container name"))
        #expect(try waitUntil { try dockyard.run(["ps", "-q"]).stdout.isEmpty })
        #expect(try dockyard.run(["inspect", "-f", "{{.Name}}", "second"]).stdout == "/second\n")
    }

    @Test("events prints start, die and stop as Docker's lines, filters them, formats them, and follows new ones")
    func events() throws {
        let since = String(Int(Date().timeIntervalSince1970) - 1)
        let follower = try dockyard.start(["events", "--filter", "event=start", "--format", "{{.Action}} {{.Actor.Attributes.name}}"])
        // SIGKILL: the test runner may ignore SIGTERM, and a child inherits an ignored signal.
        defer { if follower.isRunning { kill(follower.processIdentifier, SIGKILL) } }
        usleep(300_000)
        let id = trimmed(try dockyard.run(["run", "-d", "--name", "evented", "busybox", "sleep", "30"]).stdout)
        #expect(try dockyard.run(["stop", "-t", "1", "evented"]).status == 0)
        let until = String(Int(Date().timeIntervalSince1970) + 1)
        let lines = try dockyard.run(["events", "--since", since, "--until", until]).stdout.split(separator: "\n").map(String.init)
        let pattern = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) container (\w+) ([0-9a-f]{64}) \((.*)\)$/#
        let parsed = lines.compactMap { try? pattern.wholeMatch(in: $0) }
        #expect(parsed.count == lines.count, "\(lines)")
        #expect(parsed.map { String($0.output.2) } == ["create", "start", "kill", "kill", "die", "stop"], "\(lines)")
        #expect(parsed.allSatisfy { $0.output.3 == id })
        #expect(lines[1].hasSuffix("(image=busybox, name=evented)"))
        #expect(lines[4].hasSuffix("(exitCode=137, image=busybox, name=evented)"))
        let filtered = try dockyard.run(["events", "--since", since, "--until", until, "--filter", "event=die", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any]
        #expect(json?["Action"] as? String == "die" && json?["Type"] as? String == "container" && json?["id"] as? String == id)
        #expect(try dockyard.run(["events", "--filter", "colour=red", "--until", until]).stderr == "Error response from daemon: invalid filter 'colour'\n")

        // The follower saw the start as it happened.
        kill(follower.processIdentifier, SIGKILL)
        follower.waitUntilExit()
        let followed = String(decoding: (follower.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        #expect(followed == "start evented\n")
    }

    @Test("attach relays a running container's output and feeds its stdin when it was started with -i, then exits with its status")
    func attach() throws {
        let id = trimmed(try dockyard.run(["run", "-d", "-i", "--name", "reader", "busybox", "sh", "-c", "read line; echo got $line; exit 3"]).stdout)
        #expect(id.count == 64)
        let attached = try dockyard.run(["attach", "reader"], input: "hello\n")
        #expect(attached.stdout == "got hello\n", "\(attached.stderr)")
        #expect(attached.status == 3)
        let stopped = try dockyard.run(["attach", "reader"])
        #expect(stopped.status == 1 && stopped.stderr.contains("You cannot attach to a stopped container, start it first"))
    }

    @Test("container prune removes what is not running; rm -v and volume prune remove anonymous volumes, never named ones in use")
    func prunes() throws {
        #expect(try dockyard.run(["run", "--name", "done", "-v", "/scratch", "busybox", "sh", "-c", "echo x > /scratch/f"]).status == 0)
        #expect(try dockyard.run(["run", "--name", "kept", "-v", "named:/data", "busybox", "true"]).status == 0)
        #expect(try dockyard.run(["run", "-d", "--name", "alive", "-v", "/other", "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "alive"]) }
        let anonymous = try dockyard.run(["inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "done"]).stdout
        #expect(trimmed(anonymous).count == 64)

        let df = try dockyard.run(["system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}"])
        #expect(df.stdout == "Images 1 1\nContainers 3 1\nLocal Volumes 3 3\nBuild Cache 0 0\n", "\(df.stderr)")

        let declined = try dockyard.run(["container", "prune"], input: "n\n")
        #expect(declined.stdout == "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ")
        #expect(try dockyard.run(["ps", "-aq"]).stdout.split(separator: "\n").count == 3)

        #expect(try dockyard.run(["rm", "-v", "done"]).status == 0)
        #expect(!(try dockyard.run(["volume", "ls", "-q"]).stdout.contains(trimmed(anonymous))), "rm -v kept the anonymous volume")
        let pruned = try dockyard.run(["container", "prune", "-f"])
        #expect(pruned.stdout.hasPrefix("Deleted Containers:\n"), "\(pruned.stdout)")
        #expect(pruned.stdout.hasSuffix("Total reclaimed space: 0B\n"))
        #expect(try dockyard.run(["ps", "-a", "--format", "{{.Names}}"]).stdout == "alive\n")

        // The running container's anonymous volume and the named one stay; -a takes the named one.
        #expect(try dockyard.run(["volume", "prune", "-f"]).stdout == "Total reclaimed space: 0B\n")
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout.split(separator: "\n").count == 2)
        let all = try dockyard.run(["volume", "prune", "-a", "-f"])
        #expect(all.stdout == "Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n", "\(all.stdout)")
    }

    @Test("ps -n, -l, --filter and -s: the last containers, Docker's filters, and the writable layer's size")
    func psOptions() throws {
        // A record keeps its creation time to the second: a second apart, the order is certain.
        #expect(try dockyard.run(["run", "--name", "one", "busybox", "sh", "-c", "exit 2"]).status == 2)
        usleep(1_100_000)
        #expect(try dockyard.run(["run", "--name", "two", "busybox", "sh", "-c", "head -c 3000 /dev/zero > /blob"]).status == 0)
        usleep(1_100_000)
        #expect(try dockyard.run(["run", "-d", "--name", "three", "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "three"]) }
        func names(_ arguments: [String]) throws -> String {
            try dockyard.run(["ps"] + arguments + ["--format", "{{.Names}}"]).stdout.split(separator: "\n").joined(separator: " ")
        }
        #expect(try names([]) == "three")
        #expect(try names(["-n", "2"]) == "three two")
        #expect(try names(["-l"]) == "three")
        #expect(try names(["-f", "status=exited"]) == "two one")
        #expect(try names(["-a", "-f", "exited=2"]) == "one")
        #expect(try names(["-a", "-f", "status=exited", "-f", "status=running", "-f", "name=^t"]) == "three two")
        #expect(try names(["-a", "-f", "ancestor=busybox"]) == "three two one")
        #expect(try names(["-a", "-f", "since=one"]) == "three two")
        #expect(try dockyard.run(["create", "--name", "labelled", "--label", "tier=front", "busybox", "true"]).status == 0)
        #expect(try names(["-a", "-f", "label=tier=front"]) == "labelled")
        #expect(try names(["-a", "-f", "label=tier=back"]) == "")
        let unknown = try dockyard.run(["ps", "-f", "colour=red"])
        #expect(unknown.status == 1 && unknown.stderr == "Error response from daemon: invalid filter 'colour'\n")
        let sized = try dockyard.run(["ps", "-a", "-s", "-f", "name=two"])
        #expect(sized.stdout.split(separator: "\n").first?.hasSuffix("SIZE") == true, "\(sized.stdout)")
        #expect(sized.stdout.contains("3kB (virtual "), "\(sized.stdout)")
    }

    @Test("the default ps table has Docker's PORTS column: 0.0.0.0:8080->80/tcp")
    func portsColumn() throws {
        let port = try LoopbackPort.free()
        #expect(try dockyard.run(["run", "-d", "--name", "served", "-p", "\(port):80", "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "served"]) }
        let table = try dockyard.run(["ps"]).stdout.split(separator: "\n").map(String.init)
        #expect(table.first?.contains("STATUS    PORTS") == true || table.first?.contains("PORTS") == true, "\(table)")
        #expect(table.last?.contains("0.0.0.0:\(port)->80/tcp") == true, "\(table)")
    }

    @Test("version, info, stats, history, volume ls/inspect and network ls/inspect take Docker's --format (templates, table, json)")
    func formats() throws {
        #expect(try dockyard.run(["version", "--format", "{{.Client.Os}}/{{.Server.Os}}"]).stdout == "linux/linux\n")
        let version = try JSONSerialization.jsonObject(with: Data(try dockyard.run(["version", "--format", "json"]).stdout.utf8)) as? [String: Any]
        #expect((version?["Server"] as? [String: Any])?["Version"] as? String == "0.1.0")
        #expect(try dockyard.run(["version"]).stdout.hasPrefix("Client:\n Version:"))
        #expect(try dockyard.run(["create", "--name", "idle", "-v", "vol:/data", "busybox", "true"]).status == 0)
        #expect(try dockyard.run(["info", "--format", "{{.Containers}} {{.ContainersStopped}} {{.Images}} {{.Driver}}"]).stdout == "1 1 1 overlay\n")
        let missing = try dockyard.run(["info", "--format", "{{.Nope}}"])
        #expect(missing.status == 1 && missing.stderr.contains("map has no entry for key \"Nope\""))

        #expect(try dockyard.run(["volume", "ls", "--format", "{{.Name}} {{.Driver}}"]).stdout == "vol local\n")
        #expect(try dockyard.run(["volume", "ls"]).stdout == "DRIVER    VOLUME NAME\nlocal     vol\n")
        #expect(try dockyard.run(["volume", "inspect", "-f", "{{.Name}} {{.Mountpoint}}", "vol"]).stdout
                == "vol \(directory.appending("root"))/volumes/vol/_data\n")
        #expect(try dockyard.run(["network", "ls", "--format", "{{.Name}}"]).stdout.hasSuffix("host\nnone\n"))
        #expect(try dockyard.run(["network", "inspect", "-f", "{{.Name}} {{.Driver}}", "bridge"]).stdout == "bridge bridge\n")
        let history = try dockyard.run(["history", "--format", "table {{.ID}}\t{{.Size}}", "busybox"]).stdout.split(separator: "\n")
        #expect(history.first == "IMAGE          SIZE" && history.count == 3, "\(history)")
        #expect(try dockyard.run(["history", "--format", "json", "busybox"]).stdout.hasPrefix("{\"Comment\":"))

        #expect(try dockyard.run(["run", "-d", "--name", "busy", "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "busy"]) }
        #expect(try dockyard.run(["stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}"]).stdout == "busy 1\n")
    }

    @Test("system prune asks Docker's question, then removes stopped containers, unused networks, dangling images and the cache; network prune alone")
    func systemPrune() throws {
        let network = "dyprune-\(UInt16.random(in: 1000...65000))"
        #expect(try dockyard.run(["network", "create", network]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", network]) }
        #expect(try dockyard.run(["run", "--name", "stopped", "-v", "/anon", "busybox", "true"]).status == 0)
        let declined = try dockyard.run(["system", "prune", "--volumes"], input: "no\n")
        #expect(declined.stdout == """
            WARNING! This will remove:
              - all stopped containers
              - all networks not used by at least one container
              - all anonymous volumes not used by at least one container
              - all dangling images
              - unused build cache

            Are you sure you want to continue? [y/N] 
            """)
        #expect(try dockyard.run(["ps", "-aq"]).stdout.split(separator: "\n").count == 1)

        let pruned = try dockyard.run(["system", "prune", "--volumes", "-f"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("Deleted Containers:\n") && pruned.stdout.contains("Deleted Networks:\n\(network)\n"), "\(pruned.stdout)")
        #expect(pruned.stdout.contains("Deleted Volumes:\n"))
        #expect(pruned.stdout.hasSuffix("Total reclaimed space: 0B\n"), "\(pruned.stdout)")
        #expect(try dockyard.run(["ps", "-aq"]).stdout.isEmpty)
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout.isEmpty)
        #expect(!(try dockyard.run(["network", "ls"]).stdout.contains(network)))
        #expect(try dockyard.run(["images", "-q"]).stdout.split(separator: "\n").count == 1, "busybox is tagged: not dangling")

        #expect(try dockyard.run(["network", "create", network]).status == 0)
        #expect(try dockyard.run(["network", "prune", "-f"]).stdout == "Deleted Networks:\n\(network)\n\n")
    }
}
