import Foundation
import Testing
import TestSupport
@testable import Lessons

/// The player in a real terminal: tmux runs `dockyard learn`, send-keys types, capture-pane reads
/// the screen. Open a lesson, run a step, go next, quit, and come back to the same page.
@Suite("The interactive player in a terminal", .serialized,
       .enabled(if: TmuxSession.available, "needs tmux (scripts/install-deps installs it)"))
struct InteractivePlayerTests {
    /// The built `dockyard` as a fresh learner (own state and store), for tmux to run.
    static func command(_ user: LessonUser) -> [String] {
        user.environment + ["DOCKYARD_ROOT=\(user.dockyard.root)", DockyardProcess.executable]
    }

    /// `dockyard learn ARGUMENTS` in a terminal of `width` columns, for a fresh learner.
    static func learn(_ arguments: [String], width: Int = 100, height: Int = 50) throws -> (LessonUser, TmuxSession) {
        let user = try LessonUser(asNobody: false)
        return (user, try TmuxSession(command: command(user) + arguments, width: width, height: height))
    }

    @Test("in an 80×24 terminal the whole list is on one screen, and moving the choice redraws it in place")
    func listFits80x24() throws {
        for language in ["en", "ko"] {
            let (user, session) = try Self.learn(["learn", "--lang", language, "--simulate"], width: 80, height: 24)
            defer { withExtendedLifetime(user) {} }
            try session.waitFor("▶  1. ")
            let lessons = LessonCatalog(directory: LessonFixtures.lessonsDirectory).lessons(language: language)
            for _ in 0..<5 { session.send("Down") }
            try session.waitFor("▶  6. ")
            let screen = session.visibleScreen()
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            for lesson in lessons {
                #expect(lines.contains { $0.contains(String(lesson.number).leftPadded(2) + ". ") }, "lesson \(lesson.number) not on screen:\n\(screen)")
            }
            for line in lines { #expect(DisplayWidth.of(String(line)) <= 80, "\(line)") }
            // Drawn again in place: one list, one title, one key bar, in the scrollback too.
            let all = session.screen()
            #expect(all.components(separatedBy: UIText(language: language).lessonsTitle).count == 2, "\(all)")
            #expect(all.components(separatedBy: "▶").count == 2, "\(all)")
            session.send("q")
            try session.waitUntilGone()
        }
    }

    @Test("open a lesson, run a step, go next, q back to the list, q quits, then resume where the learner left off")
    func openRunNextQuitResume() throws {
        let (user, first) = try Self.learn(["learn", "1", "--lang", "en", "--simulate"])
        try first.waitFor("page 1/")
        try first.waitFor("[Enter] run")
        // Page 1 is prose and a step: run it.
        first.send("Enter")
        try first.waitFor("exit status 0")
        first.send("n")
        try first.waitFor("page 2/")
        // q leaves the lesson for the list; q there quits, without Enter.
        first.send("q")
        try first.waitFor("[Enter] start")
        first.send("q")
        try first.waitUntilGone()

        let progress = try String(contentsOfFile: user.stateDirectory + "/dockyard/lessons.json", encoding: .utf8)
        #expect(progress.contains("\"current\" : \"01-what-is-a-container\""))
        #expect(progress.contains("host-kernel"))

        let second = try TmuxSession(command: Self.command(user) + ["learn", "--lang", "en", "--simulate"])
        try second.waitFor("▶  1. What a container is")
        second.send("Enter")
        try second.waitFor("page 2/")
        second.send("Enter")
        try second.waitFor("(simulated)")
        second.send("h")
        try second.waitFor("the release printed")
        second.send("C-c")
        try second.waitUntilGone()
    }

    @Test("Enter runs the step, and after a pass Enter goes on to the next page; the title is printed once")
    func enterAdvancesAfterPass() throws {
        let (user, session) = try Self.learn(["learn", "1", "--lang", "en", "--simulate"])
        // The learner's state and store live as long as the session.
        defer { withExtendedLifetime(user) {} }
        try session.waitFor("[Enter] run")
        session.send("Enter")
        try session.waitFor("[Enter] next")
        #expect(!session.screen().contains("page 2/"))
        session.send("Enter")
        try session.waitFor("page 2/")
        let screen = session.screen()
        #expect(screen.components(separatedBy: "What a container is").count == 2, "the title once:\n\(screen)")
        session.send("C-c")
        try session.waitUntilGone()
    }

    @Test("the list takes single keys: a number, arrows, Enter starts, q quits")
    func singleKeyList() throws {
        let (user, session) = try Self.learn(["learn", "--lang", "en", "--simulate"])
        // The learner's state and store live as long as the session.
        defer { withExtendedLifetime(user) {} }
        try session.waitFor("▶  1. ")
        session.send("1")
        session.send("5")
        try session.waitFor("▶ 15. ")
        session.send("Up")
        try session.waitFor("▶ 14. ")
        session.send("3")
        try session.waitFor("▶  3. ")
        session.send("Enter")
        try session.waitFor("page 1/")
        #expect(session.screen().contains("3. The root filesystem"))
        session.send("q")
        try session.waitFor("[Enter] start", count: 2)
        // Lesson 3 is where the learner was: the list offers it first.
        try session.waitFor("▶  3. ", count: 2)
        session.send("q")
        try session.waitUntilGone()
    }

    @Test("r asks before resetting, and only y resets")
    func resetAsks() throws {
        let (user, session) = try Self.learn(["learn", "1", "--step", "2", "--lang", "en", "--simulate"])
        // The learner's state and store live as long as the session.
        defer { withExtendedLifetime(user) {} }
        try session.waitFor("page 2/")
        session.send("r")
        try session.waitFor("Reset this lesson")
        session.send("n")
        try session.waitFor("Nothing was reset.")
        #expect(!session.screen().contains("page 1/"))
        session.send("r")
        try session.waitFor("Reset this lesson", count: 2)
        session.send("y")
        try session.waitFor("Lesson reset")
        try session.waitFor("page 1/")
        session.send("C-c")
        try session.waitUntilGone()
    }

    @Test("running a detached step again starts it afresh, the container outlives the page, and r removes it",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"))
    func rerunAndReset() throws {
        let lesson = try #require(LessonCatalog(directory: LessonFixtures.lessonsDirectory).load(slug: "09-processes-and-users", language: "en"))
        let detach = try #require(lesson.pages.firstIndex { $0.step?.id == "detach" })
        let (user, session) = try Self.learn(["learn", "9", "--step", String(detach + 1), "--lang", "en"])
        try session.waitFor("step detach")
        session.send("Enter")
        try session.waitFor("[e] run again")
        session.send("e")
        try session.waitFor("[e] run again", count: 2)
        #expect(!session.screen().contains("already in use"), "\(session.screen())")
        #expect(!session.screen().contains("✗"), "\(session.screen())")
        // On the next page the container is still there for exec, however long the learner read.
        session.send("Enter")
        try session.waitFor("step exec")
        let running = try user.run(["ps", "--format", "{{.Names}}"])
        #expect(running.stdout.split(separator: "\n").filter { $0 == "lesson-web" }.count == 1, "\(running.stdout)")
        session.send("r")
        try session.waitFor("Reset this lesson")
        session.send("y")
        try session.waitFor("Lesson reset")
        let after = try user.run(["ps", "-a", "--format", "{{.Names}}"])
        #expect(!after.stdout.contains("lesson-web"), "\(after.stdout)")
        session.send("C-c")
        try session.waitUntilGone()
    }

    @Test("in Korean at 80 columns no line of the list, a page, a step's outcome or the key bar is wider than 80")
    func koreanWidth() throws {
        let (user, session) = try Self.learn(["learn", "--lang", "ko", "--simulate"], width: 80)
        // The learner's state and store live as long as the session.
        defer { withExtendedLifetime(user) {} }
        let path = LessonFixtures.lessonsDirectory + "/ko/04-cgroups.md"
        let pages = LessonParser.parse(try String(contentsOfFile: path, encoding: .utf8), slug: "04-cgroups", language: "ko", path: path).pages.count
        try session.waitFor("▶  1. ")
        session.send("4")
        session.send("Enter")
        try session.waitFor("1/\(pages)쪽")
        session.send("Enter")
        try session.waitFor("[Enter] 다음")
        session.send("Enter")
        try session.waitFor("2/\(pages)쪽")
        session.send("Enter")
        try session.waitFor("커널 객체:")
        session.send("m")
        try session.waitFor("이 단계의 커널 객체 전부")
        // capture-pane -J joins what the terminal wrapped: a line past the edge shows as a longer one.
        let lines = session.screen().split(separator: "\n").map(String.init)
        #expect(lines.count > 60)
        for line in lines {
            #expect(DisplayWidth.of(line) <= 80, "\(DisplayWidth.of(line)) columns: \(line)")
        }
        #expect(lines.contains { $0.contains(" 1. 컨테이너란") }, "the list is on the screen too")
        session.send("C-c")
        try session.waitUntilGone()
    }

    @Test("an exercise takes the learner's own command, checks it, and answers a quiz with its explanation")
    func exerciseAndQuiz() throws {
        let (user, session) = try Self.learn(["learn", "capstone", "--step", "2", "--lang", "en", "--simulate"])
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
        // A wrong pick says why it is wrong and leaves a second try.
        session.send("1")
        try session.waitFor("Not this one.")
        try session.waitFor("names the container record for Dockyard's commands")
        try session.waitFor("Have another try.")
        session.send("3")
        try session.waitFor("Not quite. The answer: 2")
        try session.waitFor("only adds a variable")
        // The quiz's own explanation follows the chosen choice's.
        try session.waitFor("names the container record", count: 2)
        session.send("q")
        try session.waitFor("[Enter] start")
        session.send("q")
        try session.waitUntilGone()
        // The quiz's result is kept with the lesson's progress.
        let saved = ProgressStore(directory: user.stateDirectory + "/dockyard").load()
        #expect(saved.lessons["15-capstone"]?.quizzes["quiz-1"] == Progress.QuizResult(tries: [1, 3], right: false))
    }

    @Test("a right pick on the first try is saved as right; the last page offers the next lesson by title")
    func quizRightAndNextLesson() throws {
        let lesson = try #require(LessonCatalog(directory: LessonFixtures.lessonsDirectory).load(slug: "14-rootless", language: "en"))
        let quizPage = try #require(lesson.pages.firstIndex { $0.quiz != nil })
        let (user, session) = try Self.learn(["learn", "14", "--step", String(quizPage + 1), "--lang", "en", "--simulate"])
        try session.waitFor("[1-9] answer")
        session.send("Enter")
        try session.waitFor("Pick an answer first")
        session.send("3")
        try session.waitFor("✓ Right!")
        try session.waitFor("[Enter] ")
        // Enter walks to the last page, which names the next lesson; Enter there finishes and offers it.
        for _ in quizPage..<(lesson.pages.count - 1) { session.send("Enter"); usleep(200_000) }
        try session.waitFor("Next lesson: 15. ")
        session.send("Enter")
        try session.waitFor("Lesson finished")
        session.send("Enter")
        try session.waitFor("15. ")
        try session.waitFor("page 1/")
        session.send("C-c")
        try session.waitUntilGone()
        let saved = ProgressStore(directory: user.stateDirectory + "/dockyard").load()
        #expect(saved.lessons["14-rootless"]?.quizzes["quiz-1"] == Progress.QuizResult(tries: [3], right: true))
        #expect(saved.lessons["14-rootless"]?.finished == true)
    }
}

/// A detached tmux session on a private server, running one command.
final class TmuxSession {
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    let socket = "dockyard-test-\(UInt32.random(in: 0...UInt32.max))"
    let name = "learn"

    init(command: [String], width: Int = 100, height: Int = 50) throws {
        let shellCommand = (["/usr/bin/env"] + command).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), shellCommand])
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
        tmux(["capture-pane", "-p", "-J", "-S", "-400", "-t", name])
        return lastCapture
    }

    /// Only what the terminal shows now, without the scrollback.
    func visibleScreen() -> String {
        tmux(["capture-pane", "-p", "-t", name])
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
