import CourseSite
import Explain
import Testing
import TestSupport
@testable import Lessons

/// `lessons lint`'s truth checks: a check must be passed by what only the run prints, and prose
/// that quotes output must quote the recorded real run.
@Suite("lessons lint holds checks and quoted output to the real runs")
struct LessonTruthTests {
    static func lesson(_ body: String) -> Lesson {
        LessonParser.parse("---\ntitle: T\nsummary: S\n---\n" + body, slug: "01-t", language: "en", path: "en/01-t.md")
    }

    static func run(_ stdout: String, messages: String = "", events: [Event] = []) -> RecordedRun {
        RecordedRun(command: "", status: 0, stdout: stdout, messages: messages, events: events,
                    recordedAt: "2026-12-07T00:00:00Z", kernel: "Linux 6.18 x86_64")
    }

    static func problems(_ body: String, _ recorded: [String: [RecordedRun]] = [:]) -> [String] {
        LessonTruthLinter(recordings: { _, _ in recorded }).lint(lesson(body)).map(\.message)
    }

    @Test("a contains= text that is in the step's own command is a problem; the run's own words are not")
    func containsInCommand() {
        let echoing = Self.problems("```dockyard {step=h contains=\"lesson-box\"}\ndockyard run --rm -h lesson-box busybox hostname\n```\n")
        #expect(echoing.contains { $0.contains("\"lesson-box\" is in the command itself") }, "\(echoing)")
        let honest = Self.problems("```dockyard {step=h matches=\"^lesson-box$\"}\ndockyard run --rm -h lesson-box busybox hostname\n```\n")
        #expect(honest.isEmpty, "\(honest)")
    }

    @Test("a matches= pattern that matches the command line, and an explains= text in it, are problems")
    func matchesAndExplainsInCommand() {
        let found = Self.problems("""
        ```dockyard {step=a matches="sleep [0-9]+" explains="sleep"}
        dockyard run --rm busybox sleep 1
        ```
        """)
        #expect(found.contains { $0.contains("matches=\"sleep [0-9]+\" matches the command itself") }, "\(found)")
        #expect(found.contains { $0.contains("\"sleep\" is in the command itself") }, "\(found)")
    }

    @Test("a check that the recording passes only on a line echoing the command is a problem")
    func passesOnlyOnEcho() {
        // The old 09:children: ps listed the shell's argv, and no sleep was alive.
        let step = "```dockyard {step=children contains=\"sleep\"}\ndockyard run --rm busybox sh -c 'sleep 1 & ps -o pid,user,args'\n```\n"
        let psShowingOnlyTheShell = Self.run("PID   USER     COMMAND\n    1 root     sh -c sleep 1 & ps -o pid,user,args\n")
        let found = Self.problems(step, ["children": [psShowingOnlyTheShell]])
        #expect(found.contains { $0.contains("contains=\"sleep\" passes only on a line that echoes the command") }, "\(found)")

        let honestStep = "```dockyard {step=children matches=\"^ *[0-9]+ +1 +sleep 30$\"}\ndockyard run --rm busybox sh -c 'sleep 30 & sleep 1; ps -o pid,ppid,args'\n```\n"
        let alive = Self.run("PID   PPID  COMMAND\n    1     0 sh -c sleep 30 & sleep 1; ps -o pid,ppid,args\n    2     1 sleep 30\n")
        #expect(Self.problems(honestStep, ["children": [alive]]).isEmpty)
        let dead = Self.run("PID   PPID  COMMAND\n    1     0 sh -c sleep 30 & sleep 1; ps -o pid,ppid,args\n")
        #expect(Self.problems(honestStep, ["children": [dead]]).isEmpty, "a failing check is the auto run's business, not an echo")
    }

    @Test("the echoes of a command are its runs of two or more last words, and a script argument")
    func commandTails() {
        let tails = LessonTruthLinter.commandTails("dockyard run --rm busybox sh -c 'sleep 1 & ps'")
        #expect(tails.contains("-c sleep 1 & ps"))
        #expect(tails.contains("sleep 1 & ps"))
        #expect(!tails.contains("ps"), "a single word is no echo: `ps` prints ps")
    }

    static let quoted = """
    ```dockyard {step=net show=net}
    dockyard run --rm busybox ip -o link
    ```

    The container has <!--recorded-->`eth0@if`, and the layer line
    says <!--recorded:net-->`lo: <LOOPBACK,…UP` and <!--recorded-->`mount   overlay on …/rootfs`.

    """

    @Test("quotes are found with the step above them or the one they name, spaces folded, … as a gap")
    func scanQuotes() throws {
        let (quotes, problems) = RecordedQuote.scan(Self.quoted, lineOffset: 4)
        #expect(problems.isEmpty)
        try #require(quotes.count == 3)
        #expect(quotes[0] == RecordedQuote(text: "eth0@if", stepID: "net", line: 9))
        #expect(quotes[1].line == 10)
        #expect(quotes[1].stepID == "net" && quotes[1].parts == ["lo: <LOOPBACK,", "UP"])
        #expect(quotes[2].parts == ["mount overlay on", "/rootfs"])
    }

    @Test("a quote the recording holds passes; one it lacks, or with no recording, is a problem")
    func quotesAgainstTheRecording() {
        let mount = Event(.mounted(type: "overlay", source: "overlay", target: "/var/lib/dockyard/containers/x/rootfs", options: ["rw"]))
        let real = Self.run("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n2: eth0@if673: <BROADCAST,UP>\n", events: [mount])
        #expect(Self.problems(Self.quoted, ["net": [real]]).isEmpty, "\(Self.problems(Self.quoted, ["net": [real]]))")

        let noneNetwork = Self.run("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n", events: [mount])
        let found = Self.problems(Self.quoted, ["net": [noneNetwork]])
        #expect(found == ["the prose quotes `eth0@if`, which step net's recorded run does not show"], "\(found)")
        #expect(Self.problems(Self.quoted).allSatisfy { $0.contains("has no recorded real run") })
    }

    @Test("a marker that starts a line, or has no code span after it, or names no step, is a problem")
    func badMarkers() {
        let found = Self.problems("""
        Before any step: <!--recorded-->`x`.

        ```sh {step=one}
        echo x
        ```

        <!--recorded-->`x` starts a line, and this one <!--recorded--> quotes nothing,
        and this names <!--recorded:two-->`x`.
        """, ["one": [Self.run("x\n")]])
        #expect(found.contains { $0.contains("names no step of this lesson (none above it)") }, "\(found)")
        #expect(found.contains { $0.contains("starts the line") }, "\(found)")
        #expect(found.contains { $0.contains("must be followed at once by a `code span`") }, "\(found)")
        #expect(found.contains { $0.contains("names no step of this lesson (two)") }, "\(found)")
    }

    @Test("a marker at the start of a line would be shown raw, which is why lint refuses it")
    func markerAtLineStartShowsRaw() throws {
        let lesson = Self.lesson("```sh {step=one}\necho x\n```\n\nThe shell printed\n<!--recorded-->`x`.\n")
        let page = try #require(lesson.pages.dropFirst().first)
        #expect(page.prose.contains { block in
            if case let .paragraph(spans) = block { spans.plain.contains("<!--recorded-->") } else { false }
        })
    }

    @Test("the marker is invisible to the learner: the prose keeps the code span and drops the comment")
    func markerIsInvisible() throws {
        let lesson = Self.lesson(Self.quoted)
        let page = try #require(lesson.pages.dropFirst().first)
        let text = page.prose.map { block in
            if case let .paragraph(spans) = block { spans.plain } else { "" }
        }.joined()
        #expect(text.contains("The container has eth0@if, and"))
        #expect(!text.contains("recorded"))
    }

    @Test("every lesson in both languages passes the truth checks against lessons/recordings, and quotes are marked in each")
    func repository() {
        let catalog = LessonCatalog(directory: LessonFixtures.lessonsDirectory)
        let linter = LessonTruthLinter(recordings: RecordingStore(lessonsDirectory: catalog.directory).recordedSteps())
        for language in ["en", "ko"] {
            var quotes = 0
            for lesson in catalog.lessons(language: language) {
                let problems = linter.lint(lesson)
                #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
                quotes += RecordedQuote.scan(lesson.markdown, lineOffset: 0).quotes.count
            }
            #expect(quotes >= 12, "\(language): only \(quotes) quotes of output are marked <!--recorded-->")
        }
    }
}
