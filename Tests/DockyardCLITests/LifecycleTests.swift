import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Long-running containers: run -d with its monitor, logs, exec, stop/start/restart, kill, wait,
/// --restart, rm -f. Real containers, the real binary, a storage root per test.
@Suite("Detached containers, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct LifecycleTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "lifecycle")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<300 {
            if try condition() { return true }
            usleep(20_000)
        }
        return false
    }

    @Test("run -d prints the id and returns; the container keeps running, logs it, and exec joins it")
    func detachLogsExec() throws {
        let started = try dockyard.run(["run", "-d", "--name", "ticker", "busybox", "sh", "-c",
                                        "echo hello; echo oops >&2; while true; do sleep 0.1; done"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
        #expect(try dockyard.run(["ps"]).stdout.contains("Up "))
        #expect(try waitUntil { try dockyard.run(["logs", "ticker"]).stdout == "hello\n" })
        let logs = try dockyard.run(["logs", "ticker"])
        #expect(logs.stderr == "oops\n")
        #expect(try dockyard.run(["logs", "-t", "ticker"]).stdout.hasPrefix("20"))

        let exec = try dockyard.run(["exec", "-e", "EXTRA=1", "ticker", "sh", "-c", "echo $EXTRA $(hostname); cat /proc/1/cmdline | tr '\\0' ' '"])
        #expect(exec.status == 0, "\(exec.stderr)")
        #expect(exec.stdout.hasPrefix("1 " + String(started.stdout.prefix(12)) + "\n"))
        #expect(exec.stdout.contains("while true"))
        #expect(try dockyard.run(["exec", "ticker", "sh", "-c", "exit 4"]).status == 4)
        #expect(try dockyard.run(["exec", "ticker", "nosuch"]).status == 127)

        let explained = try dockyard.run(["exec", "--explain", "ticker", "true"])
        let inspect = try JSONSerialization.jsonObject(with: Data(try dockyard.run(["inspect", "ticker"]).stdout.utf8)) as? [[String: Any]]
        let pid = try #require((inspect?.first?["State"] as? [String: Any])?["Pid"] as? Int)
        for kind in ["pid", "net", "mnt", "uts", "ipc"] {
            let inode = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)")
            #expect(explained.stderr.contains("joined \(inode)"), "\(kind): \(explained.stderr)")
        }
        #expect(try dockyard.run(["rm", "-f", "ticker"]).status == 0)
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
    }

    @Test("a monitor killed with SIGKILL takes its container with it, and the next command cleans up after both")
    func monitorKilled() throws {
        let id = try dockyard.run(["run", "-d", "--name", "orphan", "busybox", "sleep", "600"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 64)
        let inspected = try dockyard.run(["inspect", "orphan"]).stdout
        let record = try #require(try JSONSerialization.jsonObject(with: Data(inspected.utf8)) as? [[String: Any]]).first
        let pid = try #require((record?["State"] as? [String: Any])?["Pid"] as? Int)
        let cgroups = try #require((record?["Dockyard"] as? [String: Any])?["CgroupPaths"] as? [String])
        #expect(!cgroups.isEmpty && cgroups.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let veth = "dy" + id.prefix(12)
        #expect(if_nametoindex(veth) != 0)
        // The monitor is the container's parent.
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let monitor = try #require(status.split(separator: "\n").first { $0.hasPrefix("PPid:") }?
            .split(separator: "\t").last.flatMap { Int32($0) })
        #expect(kill(monitor, SIGKILL) == 0)
        #expect(waitUntil { kill(Int32(pid), 0) != 0 }, "the container outlived its monitor")

        let listed = try dockyard.run(["ps", "-a"])
        #expect(listed.stdout.contains("orphan") && listed.stdout.contains("Exited"), "\(listed.stdout)")
        #expect(cgroups.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "cgroup left behind")
        #expect(if_nametoindex(veth) == 0, "veth left behind")
        #expect(try dockyard.run(["rm", "orphan"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: directory.appending("root/containers/\(id)")))
    }

    @Test("stop sends SIGTERM, then SIGKILL after -t; start runs it again on the same writable layer")
    func stopAndStart() throws {
        let id = try dockyard.run(["run", "-d", "busybox", "sh", "-c",
                                   "trap 'echo got TERM; exit 0' TERM; echo run >> /runs; while true; do sleep 0.1; done"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try waitUntil { try dockyard.run(["exec", id, "cat", "/runs"]).stdout == "run\n" })
        #expect(try dockyard.run(["stop", "-t", "5", id]).status == 0)
        #expect(try dockyard.run(["wait", id]).stdout == "0\n")
        #expect(try dockyard.run(["logs", id]).stdout.contains("got TERM"))
        #expect(try dockyard.run(["start", id]).status == 0)
        #expect(try waitUntil { try dockyard.run(["ps", "-q"]).stdout.hasPrefix(String(id.prefix(12))) })
        #expect(try dockyard.run(["exec", id, "cat", "/runs"]).stdout == "run\nrun\n")
        #expect(try dockyard.run(["kill", "-s", "KILL", id]).status == 0)
        #expect(try dockyard.run(["wait", id]).stdout == "137\n")
        #expect(try dockyard.run(["rm", id]).status == 0)
    }

    @Test("--restart on-failure:2 restarts a failing container twice, then leaves it exited")
    func restartPolicy() throws {
        let id = try dockyard.run(["run", "-d", "--restart", "on-failure:2", "busybox", "sh", "-c", "echo try; exit 3"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try waitUntil { try dockyard.run(["logs", id]).stdout == "try\ntry\ntry\n" })
        #expect(try dockyard.run(["wait", id]).stdout == "3\n")
        #expect(try dockyard.run(["rm", id]).status == 0)
    }

    @Test("run -d of a missing command fails at once with 127 and leaves no monitor behind")
    func detachedFailure() throws {
        let result = try dockyard.run(["run", "-d", "--rm", "busybox", "no-such-command"])
        #expect(result.status == 127)
        #expect(result.stderr.contains("executable file not found"))
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
        let running = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let leftover = running.compactMap { Int32($0) }.filter { pid in
            let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return String(decoding: cmdline, as: UTF8.self).contains(dockyard.root) && String(decoding: cmdline, as: UTF8.self).contains("_monitor")
        }
        #expect(leftover.isEmpty, "monitors still running: \(leftover)")
    }

    @Test("top lists the container's processes with host and container pids; stats reads the cgroup; pause freezes it")
    func topStatsPause() throws {
        let id = try dockyard.run(["run", "-d", "--memory", "32m", "busybox", "sh", "-c", "while true; do :; done"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try dockyard.run(["exec", "-d", id, "sleep", "30"]).status == 0)
        #expect(try waitUntil { try dockyard.run(["top", id]).stdout.contains("sleep 30") })
        let top = try dockyard.run(["top", id]).stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(top.first?.contains("CONTAINER") == true)
        #expect(top.dropFirst().first?[3] == "1", "the first process is pid 1 inside: \(top)")

        let busy = try dockyard.run(["stats", "--no-stream", id]).stdout
        #expect(busy.contains("/ 32.00MiB"))
        let cpu = Double(busy.split(separator: "\n").last?.split(separator: " ", omittingEmptySubsequences: true)[2].dropLast() ?? "") ?? 0
        #expect(cpu > 10, "a busy loop uses a CPU (shared with whatever else runs here): \(busy)")

        #expect(try dockyard.run(["pause", id]).status == 0)
        #expect(try dockyard.run(["ps"]).stdout.contains("(Paused)"))
        let paused = try dockyard.run(["stats", "--no-stream", id]).stdout
        let pausedCPU = Double(paused.split(separator: "\n").last?.split(separator: " ", omittingEmptySubsequences: true)[2].dropLast() ?? "") ?? 100
        #expect(pausedCPU < 5, "a frozen cgroup uses no CPU: \(paused)")
        #expect(try dockyard.run(["unpause", id]).status == 0)
        #expect(try dockyard.run(["pause", id]).status == 0)
        #expect(try dockyard.run(["rm", "-f", id]).status == 0)
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
    }

    @Test("--init runs a tiny init as pid 1: the command is its child, signals reach it, statuses pass through")
    func initProcess() throws {
        let ps = try dockyard.run(["run", "--rm", "--init", "--network", "none", "busybox", "sh", "-c", "echo $$; ps -o pid,comm"])
        #expect(ps.status == 0, "\(ps.stderr)")
        #expect(ps.stdout.hasPrefix("2\n"), "the shell is pid 2 under the init: \(ps.stdout)")
        #expect(ps.stdout.contains("1 init"))
        #expect(try dockyard.run(["run", "--rm", "--init", "--network", "none", "busybox", "sh", "-c", "exit 3"]).status == 3)
        #expect(try dockyard.run(["run", "--rm", "--init", "--network", "none", "busybox", "nosuch"]).status == 127)

        // Without an init, sleep as pid 1 ignores SIGTERM and stop must wait for its SIGKILL;
        // under the init, SIGTERM is passed to sleep, which dies of it at once.
        let id = try dockyard.run(["run", "-d", "--init", "--network", "none", "busybox", "sleep", "100"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let started = Date()
        #expect(try dockyard.run(["stop", "-t", "10", id]).status == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(try dockyard.run(["wait", id]).stdout == "143\n")
        #expect(try dockyard.run(["rm", id]).status == 0)
    }
}
