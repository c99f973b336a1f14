import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `stop` as Docker does it: the image's STOPSIGNAL or `run --stop-signal` first, SIGKILL after
/// `run --stop-timeout` (or `stop -t`) seconds. Real containers, a storage root per test.
@Suite("Stop signals and timeouts", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct StopSignalTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "stopsignal")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// A shell that exits 7 on `signal` and ignores SIGTERM, ready once it has written /ready.
    static func trapping(_ signal: String) -> [String] {
        ["sh", "-c", "trap 'exit 7' \(signal); trap '' TERM; touch /ready; while true; do sleep 0.1; done"]
    }

    func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<300 {
            if try condition() { return true }
            usleep(20_000)
        }
        return false
    }

    func runDetached(_ arguments: [String]) throws -> String {
        let started = try dockyard.run(["run", "-d"] + arguments)
        #expect(started.status == 0, "\(started.stderr)")
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try waitUntil { try dockyard.run(["exec", id, "test", "-e", "/ready"]).status == 0 })
        return id
    }

    /// Runs `stop`, and returns how long it took and the exit code `wait` reports.
    func stop(_ id: String, _ flags: [String] = []) throws -> (seconds: Double, code: String) {
        let began = Date()
        let stopped = try dockyard.run(["stop"] + flags + [id])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let seconds = Date().timeIntervalSince(began)
        return (seconds, try dockyard.run(["wait", id]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("an image's STOPSIGNAL SIGUSR1 is what stop sends: the process traps it and exits 7, at once")
    func imageStopSignal() throws {
        let context = directory.appending("context")
        try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
        try "FROM busybox\nSTOPSIGNAL SIGUSR1\n".write(toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        let build = try dockyard.run(["build", "-q", "-t", "usr1stop", context])
        #expect(build.status == 0, "\(build.stderr)")
        let id = try runDetached(["usr1stop"] + Self.trapping("USR1"))
        let (seconds, code) = try stop(id)
        #expect(code == "7")
        #expect(seconds < 5, "stop took \(seconds) s: the stop signal was not USR1")
        #expect(try dockyard.run(["rm", id]).status == 0)
    }

    @Test("run --stop-signal SIGINT replaces SIGTERM")
    func runStopSignal() throws {
        let id = try runDetached(["--stop-signal", "SIGINT", "busybox"] + Self.trapping("INT"))
        let (seconds, code) = try stop(id)
        #expect(code == "7")
        #expect(seconds < 5, "stop took \(seconds) s: the stop signal was not INT")
        #expect(try dockyard.run(["rm", id]).status == 0)
    }

    @Test("run --stop-timeout 1 kills a process that ignores the stop signal after about a second; stop -t overrides it")
    func stopTimeout() throws {
        let id = try runDetached(["--stop-timeout", "1", "busybox"] + Self.trapping("USR2"))
        let (seconds, code) = try stop(id)
        #expect(code == "137")
        #expect(seconds >= 0.9 && seconds < 5, "stop took \(seconds) s")
        #expect(try dockyard.run(["start", id]).status == 0)
        #expect(try waitUntil { try dockyard.run(["exec", id, "test", "-e", "/ready"]).status == 0 })
        let (overridden, _) = try stop(id, ["-t", "0"])
        #expect(overridden < 0.9, "stop -t 0 took \(overridden) s")
        #expect(try dockyard.run(["rm", id]).status == 0)
    }

    @Test("an unknown --stop-signal is refused before anything is made")
    func unknownStopSignal() throws {
        let refused = try dockyard.run(["run", "--stop-signal", "SIGNOPE", "busybox", "true"])
        #expect(refused.status == 125, "\(refused.status)")
        #expect(refused.stderr.contains("SIGNOPE"), "\(refused.stderr)")
    }
}
