import Foundation
import Testing
import TestSupport
@testable import Lessons

/// An exercise in a real terminal (tmux): the solution is hidden on the page, stays hidden after
/// one wrong try, shows after the second or when the learner presses `s`, and a right try passes
/// on what the kernel holds — with real containers, as root.
@Suite("Exercises in the interactive player", .serialized,
       .enabled(if: TmuxSession.available, "needs tmux (scripts/install-deps installs it)"),
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"))
struct ExercisePlayerTests {
    static let solution = "dockyard run -d --name lesson-cap2 -m 48m --pids-limit 16 busybox sleep 300"

    func open() throws -> (LessonUser, TmuxSession) {
        let user = try LessonUser(asNobody: false)
        let command = user.environment + ["DOCKYARD_ROOT=\(user.dockyard.root)", DockyardProcess.executable]
        let session = try TmuxSession(command: command + ["learn", "capstone", "--step", "2", "--lang", "en"])
        try session.waitFor("exercise your-turn")
        return (user, session)
    }

    /// Types the lines at the exercise's prompt, then the empty line that runs them.
    func type(_ lines: [String], in session: TmuxSession) {
        session.send("Enter")
        for line in lines {
            session.send(line)
            session.send("Enter")
        }
        session.send("Enter")
    }

    @Test("the solution is hidden until two tries failed; a cheating try fails; the right one passes")
    func hiddenUntilTwoFailures() throws {
        let (user, session) = try open()
        defer { _ = try? user.run(["rm", "-f", "lesson-cap2"]) }
        #expect(session.screen().contains("The solution is hidden: press s, or it shows after two tries."))
        #expect(!session.screen().contains(Self.solution), "the page shows the solution")

        type(["dockyard run -d --name lesson-cap2 -m 32m --pids-limit 16 busybox sleep 300"], in: session)
        try session.waitFor("you set 33554432 bytes = 32 MiB; the exercise asks for 50331648 bytes = 48 MiB")
        try session.waitFor("Not yet (try 1)")
        #expect(!session.screen().contains("Solution:"), "one failed try shows the solution")

        // The value echoed without the limit: the cgroup has none, whatever the screen says.
        type(["dockyard run --rm busybox echo 50331648"], in: session)
        try session.waitFor("Not yet (try 2)")
        try session.waitFor("Solution:")
        try session.waitFor("$ " + Self.solution)

        type([Self.solution], in: session)
        try session.waitFor("✓ the kernel holds a limit of 50331648 bytes = 48 MiB")
        try session.waitFor("Exercise done!")
        // q leaves the lesson for the list; q there quits.
        session.send("q")
        try session.waitFor("[Enter] start")
        session.send("q")
        try session.waitUntilGone()
    }

    @Test("s shows the solution before any try, and several typed lines run in order")
    func solutionOnRequest() throws {
        let (user, session) = try open()
        defer { _ = try? user.run(["rm", "-f", "lesson-cap2"]) }
        #expect(!session.screen().contains("Solution:"))
        session.send("s")
        try session.waitFor("Solution:")
        try session.waitFor("$ " + Self.solution)
        // Two lines: the first makes the container without limits, the second is not even run
        // by the check; the check reads the cgroup.
        type(["dockyard run -d --name lesson-cap2 busybox sleep 300", "dockyard ps"], in: session)
        try session.waitFor("has no limit")
        try session.waitFor("$ dockyard ps")
        // q leaves the lesson for the list; q there quits.
        session.send("q")
        try session.waitFor("[Enter] start")
        session.send("q")
        try session.waitUntilGone()
    }

    @Test("exec -it gets the real terminal: a shell in the container, and the check runs when it exits")
    func interactiveShell() throws {
        let user = try LessonUser(asNobody: false)
        defer { _ = try? user.run(["rm", "-f", "lesson-sh"]) }
        let path = LessonFixtures.lessonsDirectory + "/en/09-processes-and-users.md"
        let lesson = LessonParser.parse(try String(contentsOfFile: path, encoding: .utf8), slug: "09-processes-and-users", language: "en", path: path)
        let page = try #require(lesson.pages.firstIndex { $0.step?.id == "your-shell" }) + 1
        let command = user.environment + ["DOCKYARD_ROOT=\(user.dockyard.root)", DockyardProcess.executable]
        let session = try TmuxSession(command: command + ["learn", "9", "--step", String(page), "--lang", "en"])
        try session.waitFor("exercise your-shell")
        type(["dockyard run -d --name lesson-sh busybox sleep 300", "dockyard exec -it lesson-sh sh"], in: session)
        try session.waitFor("the terminal is the container's now")
        // Typed into the container's shell, through the player's own terminal.
        usleep(500_000)
        session.send("touch /from-the-shell; hostname")
        session.send("Enter")
        session.send("exit")
        session.send("Enter")
        try session.waitFor("✓ lesson-sh sees /from-the-shell in its root")
        try session.waitFor("Exercise done!")
        // q leaves the lesson for the list; q there quits.
        session.send("q")
        try session.waitFor("[Enter] start")
        session.send("q")
        try session.waitUntilGone()
    }
}
