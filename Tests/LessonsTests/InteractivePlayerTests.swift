import Foundation
import Testing
import TestSupport
@testable import Lessons

/// The player in a real terminal: tmux runs `dockyard learn`, send-keys types, capture-pane reads
/// the screen. Open a lesson, run a step, go next, quit, and come back to the same page.
@Suite("The interactive player in a terminal", .serialized,
       .enabled(if: TmuxSession.available, "needs tmux (scripts/install-deps installs it)"))
struct InteractivePlayerTests {
    @Test("open a lesson, run a step, go next, quit, then resume where the learner left off")
    func openRunNextQuitResume() throws {
        let user = try LessonUser(asNobody: false)
        let command = user.environment + ["DOCKYARD_ROOT=\(user.dockyard.root)", DockyardProcess.executable]
        let first = try TmuxSession(command: command + ["learn", "1", "--lang", "en", "--simulate"])
        try first.waitFor("page 1/")
        try first.waitFor("[Enter] run")
        // Page 1 is prose and a step: run it.
        first.send("Enter")
        try first.waitFor("exit status 0")
        first.send("n")
        try first.waitFor("page 2/")
        first.send("q")
        try first.waitUntilGone()

        let progress = try String(contentsOfFile: user.stateDirectory + "/dockyard/lessons.json", encoding: .utf8)
        #expect(progress.contains("\"current\" : \"01-what-is-a-container\""))
        #expect(progress.contains("host-kernel"))

        let second = try TmuxSession(command: command + ["learn", "--lang", "en", "--simulate"])
        try second.waitFor("resume 1. What a container is")
        second.send("Enter")
        try second.waitFor("page 2/")
        second.send("Enter")
        try second.waitFor("(simulated)")
        second.send("h")
        try second.waitFor("the release printed")
        second.send("q")
        try second.waitUntilGone()
    }

    @Test("an exercise takes the learner's own command, checks it, and answers a quiz with its explanation")
    func exerciseAndQuiz() throws {
        let user = try LessonUser(asNobody: false)
        let command = user.environment + ["DOCKYARD_ROOT=\(user.dockyard.root)", DockyardProcess.executable]
        let session = try TmuxSession(command: command + ["learn", "capstone", "--step", "2", "--lang", "en", "--simulate"])
        try session.waitFor("exercise your-turn")
        session.send("Enter")
        try session.waitFor("Your turn")
        // In the simulation nothing lives to be read: the check says so instead of passing on text
        // (ExercisePlayerTests drives the same exercise with real containers).
        session.send("dockyard run --rm -m 48m busybox hostname")
        session.send("Enter")
        session.send("Enter")
        try session.waitFor("not checked: this exercise reads live kernel objects")
        session.send("h")
        try session.waitFor("48 × 1024 × 1024")
        session.send("n")
        try session.waitFor("[1-9] answer")
        session.send("1")
        try session.waitFor("Not quite. The answer: 2")
        try session.waitFor("--name names the container record")
        session.send("q")
        try session.waitUntilGone()
    }
}

/// A detached tmux session on a private server, running one command.
final class TmuxSession {
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    let socket = "dockyard-test-\(UInt32.random(in: 0...UInt32.max))"
    let name = "learn"

    init(command: [String]) throws {
        let shellCommand = (["/usr/bin/env"] + command).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "50", shellCommand])
        guard status == 0 else { throw TmuxError(message: "tmux new-session failed: \(status)") }
    }

    deinit { _ = tmux(["kill-server"]) }

    /// Runs the tmux client with posix_spawn and waitpid (Lessons' `ProcessRunner`): the client
    /// forks the server, and Foundation's Process was seen never to reap it.
    @discardableResult
    func tmux(_ arguments: [String]) -> Int32 {
        var runner = ProcessRunner()
        runner.timeout = 10
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }.map { "\($0.key)=\($0.value)" }
        let output = runner.run(["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments, environment: environment)
        lastCapture = output.stdout
        return output.status
    }

    var lastCapture = ""

    /// The screen and its scrollback, as text.
    func screen() -> String {
        tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", name])
        return lastCapture
    }

    func send(_ key: String) {
        tmux(["send-keys", "-t", name, key])
    }

    /// Waits up to 15 s for `text` to appear on the screen (`count` times).
    func waitFor(_ text: String, count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for _ in 0..<300 {
            if screen().components(separatedBy: text).count > count { return }
            usleep(50_000)
        }
        Issue.record("screen never showed \"\(text)\":\n\(lastCapture)", sourceLocation: sourceLocation)
        throw TmuxError(message: "timed out waiting for \(text)")
    }

    /// Waits for the program to exit, which closes the session.
    func waitUntilGone() throws {
        for _ in 0..<100 {
            if tmux(["has-session", "-t", name]) != 0 { return }
            usleep(50_000)
        }
        Issue.record("the player did not quit:\n\(screen())")
    }
}

/// Why driving tmux failed.
struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
