import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `rm`, `stop` and `kill` of many containers at once, as Docker's client does them (several
/// names in flight, each reported in argument order), and the races that brings: two `rm` of one
/// container, an `rm` while its `run` starts. Real containers, the real binary, a root per test.
@Suite("rm, stop and kill of many containers", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct ManyContainersTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "many")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    var containersLeft: [String] { dockyard.containerDirectories }

    func detached(_ name: String) throws -> String {
        let started = try dockyard.run(["run", "-d", "--network", "none", "--name", name, "busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        return started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Leftovers of a container the kernel would keep: its cgroup in any v1 hierarchy.
    func cgroupsLeft(_ id: String) -> [String] {
        ["pids", "memory", "cpu", "freezer"].map { "/sys/fs/cgroup/\($0)/dockyard/\(id)" }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reads a started process's stdout and stderr to their ends and waits for it.
    func finish(_ process: Process) -> (status: Int32, stdout: String, stderr: String) {
        let out = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let err = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("rm of many names prints each in argument order; a bad name is an error on stderr, the others still go, status 1")
    func removeMany() throws {
        let names = (1...12).map { "gone\($0)" }
        for name in names {
            #expect(try dockyard.run(["create", "--network", "none", "--name", name, "busybox", "true"]).status == 0)
        }
        let removed = try dockyard.run(["rm"] + names.prefix(5) + ["nosuch"] + names.dropFirst(5))
        #expect(removed.stdout == names.map { $0 + "\n" }.joined(), "Docker's client prints in argument order")
        #expect(removed.stderr == "Error response from daemon: No such container: nosuch\n")
        #expect(removed.status == 1)
        #expect(containersLeft.isEmpty)
        let again = try dockyard.run(["rm", "gone1", "gone1"])
        #expect(again.stdout.isEmpty && again.status == 1)
        #expect(again.stderr == String(repeating: "Error response from daemon: No such container: gone1\n", count: 2))
    }

    @Test("rm -f of many running containers kills each and leaves no record, cgroup or monitor")
    func forceRemoveMany() throws {
        let names = (1...6).map { "busy\($0)" }
        let ids = try names.map(detached)
        let refused = try dockyard.run(["rm", names[0]])
        #expect(refused.status == 1 && refused.stderr.contains("container is running: stop the container before removing or force remove"))
        let removed = try dockyard.run(["rm", "-f"] + names)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout == names.map { $0 + "\n" }.joined())
        #expect(containersLeft.isEmpty)
        for id in ids { #expect(cgroupsLeft(id).isEmpty, "cgroup of \(id) left behind") }
        #expect(Polling.until { !monitorsRunning() }, "a monitor outlived its container")
    }

    func monitorsRunning() -> Bool {
        let pgrep = try? DockyardProcess.capture(["/usr/bin/pgrep", "-f", "_monitor --root \(dockyard.root)"])
        return pgrep?.status == 0
    }

    @Test("stop and kill of many names report each in argument order, and a bad name does not spare the others (as Docker's client)")
    func stopMany() throws {
        let names = (1...5).map { "halt\($0)" }
        for name in names { _ = try detached(name) }
        let stopped = try dockyard.run(["stop", "-t", "0", names[0], "nosuch"] + names.dropFirst(1).prefix(2))
        #expect(stopped.stdout == names.prefix(3).map { $0 + "\n" }.joined())
        #expect(stopped.stderr == "Error response from daemon: No such container: nosuch\n")
        #expect(stopped.status == 1)
        let running = try dockyard.run(["ps", "--format", "{{.Names}}"]).stdout.split(separator: "\n").map(String.init).sorted()
        #expect(running == ["halt4", "halt5"])
        let killed = try dockyard.run(["kill", "halt5", "nosuch", "halt4"])
        #expect(killed.stdout == "halt5\nhalt4\n" && killed.status == 1)
        #expect(Polling.until { (try? dockyard.run(["ps", "-q"]).stdout.isEmpty) == true })
        #expect(try dockyard.run(["rm"] + names).status == 0)
        #expect(containersLeft.isEmpty)
    }

    @Test("two rm -f of one container at once: one removes it, the other finds no such container; nothing is left")
    func removeRace() throws {
        for round in 1...4 {
            let id = try detached("race\(round)")
            let first = try dockyard.start(["rm", "-f", "race\(round)"])
            let second = try dockyard.start(["rm", "-f", id])
            let results = [finish(first), finish(second)]
            #expect(results.filter { $0.status == 0 }.count >= 1, "\(results.map(\.stderr))")
            for failed in results where failed.status != 0 {
                #expect(failed.stderr.contains("No such container"), "\(failed.stderr)")
            }
            #expect(containersLeft.isEmpty)
            #expect(cgroupsLeft(id).isEmpty)
        }
        #expect(Polling.until { !monitorsRunning() })
    }

    @Test("rm -f while run -d starts the same container: whichever wins, no record, cgroup or monitor is left")
    func removeWhileStarting() throws {
        for round in 1...4 {
            let name = "starting\(round)"
            let run = try dockyard.start(["run", "-d", "--network", "none", "--name", name, "busybox", "sleep", "60"])
            // rm as soon as the name exists, while the monitor is still setting the container up.
            _ = try Polling.until(seconds: 10) { try dockyard.run(["rm", "-f", name]).status == 0 }
            let started = finish(run)
            #expect(started.status == 0 || started.stderr.contains("No such container"), "\(started.stderr)")
            _ = try dockyard.run(["rm", "-f", name])
            #expect(containersLeft.isEmpty, "round \(round): \(containersLeft)")
            let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if !id.isEmpty { #expect(cgroupsLeft(id).isEmpty, "round \(round)") }
        }
        #expect(Polling.until { !monitorsRunning() })
    }

    @Test("stop and kill while run -d starts the same container: run -d reports the container it started, and the signal ends it")
    func signalWhileStarting() throws {
        for round in 1...4 {
            let name = "signalled\(round)"
            let run = try dockyard.start(["run", "-d", "--network", "none", "--name", name, "busybox", "sleep", "60"])
            // Signalled as soon as the record names its process (read here, with no dockyard process
            // in between), when dockyard may still be setting it up.
            let verb = round % 2 == 0 ? ["kill", name] : ["stop", "-t", "1", name]
            let giveUp = Date() + 10
            while Date() < giveUp, !dockyard.containerDirectories.contains(where: {
                (try? String(contentsOfFile: dockyard.root + "/containers/" + $0 + "/config.json", encoding: .utf8))?.contains("\"pid\" :") == true
            }) {}
            let signalled = try dockyard.run(verb)
            #expect(signalled.status == 0, "round \(round): \(verb): \(signalled.stderr)")
            let started = finish(run)
            #expect(started.status == 0, "round \(round): run -d reported \(started.stderr)")
            #expect(try Polling.until(seconds: 10) {
                try dockyard.run(["inspect", "--format", "{{.State.Status}}", name]).stdout == "exited\n"
            }, "round \(round)")
            _ = try dockyard.run(["rm", "-f", name])
        }
        #expect(Polling.until { !monitorsRunning() })
    }

    @Test("rm -f of many containers while their run -d start them: rm -f removes every one and says so, each run -d either started its container or finds it gone, and nothing is left")
    func removeManyWhileStarting() throws {
        for round in 1...3 {
            let names = (1...8).map { "rush\(round)-\($0)" }
            let runs = try names.map { try dockyard.start(["run", "-d", "--network", "none", "--name", $0, "busybox", "sleep", "60"]) }
            // rm -f as soon as every name exists: some still created, some starting, some running.
            let listed = try Polling.until(seconds: 30) {
                Set(try dockyard.run(["ps", "-a", "--format", "{{.Names}}"]).stdout.split(separator: "\n").map(String.init))
                    .isSuperset(of: names)
            }
            #expect(listed, "round \(round): not every run -d created its container")
            let removed = try dockyard.run(["rm", "-f"] + names)
            #expect(removed.status == 0, "round \(round): rm -f printed \(removed.stdout) and \(removed.stderr)")
            #expect(removed.stdout == names.map { $0 + "\n" }.joined(), "round \(round)")
            for run in runs {
                let started = finish(run)
                #expect(started.status == 0 || started.stderr.contains("No such container"), "round \(round): \(started.stderr)")
                let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                if !id.isEmpty { #expect(cgroupsLeft(id).isEmpty, "round \(round): cgroup of \(id) left behind") }
            }
            #expect(containersLeft.isEmpty, "round \(round): \(containersLeft)")
            let removing = (try? FileManager.default.contentsOfDirectory(atPath: directory.appending("root/removing"))) ?? []
            #expect(removing.isEmpty, "round \(round): half-removed directories \(removing)")
        }
        #expect(Polling.until { !monitorsRunning() }, "a monitor outlived its container")
    }
}
