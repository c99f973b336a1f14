import Foundation
import Testing
@testable import Lessons

@Suite("Prose in the terminal")
struct ProseRendererTests {
    let plain = ProseRenderer(width: 30, style: TerminalStyle(enabled: false))

    @Test("paragraphs wrap at the width, counting Hangul as two columns")
    func wrapping() {
        let lines = plain.lines([.paragraph([.text("one two three four five six seven eight nine ten")])])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 })
        #expect(lines.joined(separator: " ") == "one two three four five six seven eight nine ten")
        let korean = plain.lines([.paragraph([.text("컨테이너는 호스트 커널 위의 평범한 프로세스이고 그 주위를 감쌉니다")])])
        #expect(korean.count > 1 && korean.allSatisfy { DisplayWidth.of($0) <= 30 })
    }

    @Test("lists, quotes, code blocks and headings have their own shapes")
    func shapes() {
        let lines = plain.lines([
            .heading(level: 1, [.text("Title")]),
            .list(ordered: true, start: 1, items: [[.paragraph([.text("first")])], [.paragraph([.text("second")])]]),
            .quote([.paragraph([.text("quoted")])]),
            .code(language: "sh", text: "ls /\n"),
        ])
        #expect(lines == ["Title", "═════", "", "1. first", "2. second", "", "│ quoted", "", "    ls /"])
    }

    @Test("colour appears only when enabled, and NO_COLOR turns it off")
    func colour() {
        let coloured = ProseRenderer(width: 40, style: TerminalStyle(enabled: true)).lines([.paragraph([.code("ls")])])
        #expect(coloured.first?.contains("\u{1B}[") == true)
        #expect(TerminalStyle.detect(fd: 1, environment: ["NO_COLOR": "1"]).enabled == false)
        #expect(plain.lines([.paragraph([.strong("bold")])]) == ["bold"])
    }

    @Test("a link's target follows its text, since a terminal cannot follow it")
    func links() {
        let wide = ProseRenderer(width: 60, style: TerminalStyle(enabled: false))
        let lines = wide.lines([.paragraph([.text("Next: "), .link(text: "namespaces", url: "02-namespaces.md")])])
        #expect(lines == ["Next: namespaces <02-namespaces.md>"])
    }

    @Test("the language comes from LC_ALL, then LC_MESSAGES, then LANG")
    func language() {
        #expect(UIText.language(from: ["LANG": "ko_KR.UTF-8"]) == "ko")
        #expect(UIText.language(from: ["LC_ALL": "en_US.UTF-8", "LANG": "ko_KR.UTF-8"]) == "en")
        #expect(UIText.language(from: [:]) == "en")
    }
}

@Suite("Progress in the XDG state directory")
struct ProgressTests {
    @Test("progress is saved and loaded back")
    func roundTrip() throws {
        let dir = "/tmp/dockyard-test-progress-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        var progress = store.load()
        #expect(progress == Progress())
        progress.current = "02-namespaces"
        progress.lessons["02-namespaces"] = Progress.Entry(page: 3, passed: ["hostname"], finished: false)
        store.save(progress)
        #expect(store.load() == progress)
    }

    @Test("the state directory follows XDG_STATE_HOME, else ~/.local/state")
    func stateDirectory() {
        #expect(ProgressStore.stateDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/dockyard")
        #expect(ProgressStore.stateDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/dockyard")
    }
}

@Suite("Progress keeps quiz results")
struct QuizProgressTests {
    @Test("a quiz's tries are saved with the lesson, and a file from before quizzes were kept still loads")
    func quizzes() throws {
        let dir = "/tmp/dockyard-test-progress-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        var progress = Progress()
        progress.lessons["04-cgroups"] = Progress.Entry(page: 6, quizzes: ["quiz-1": .init(tries: [2, 3], right: true)])
        store.save(progress)
        #expect(store.load().lessons["04-cgroups"]?.quizzes["quiz-1"] == Progress.QuizResult(tries: [2, 3], right: true))

        let old = #"{"current":"01-what-is-a-container","lessons":{"01-what-is-a-container":{"page":2,"passed":["host-kernel"],"finished":false}}}"#
        try old.write(toFile: dir + "/lessons.json", atomically: true, encoding: .utf8)
        let loaded = store.load()
        #expect(loaded.lessons["01-what-is-a-container"] == Progress.Entry(page: 2, passed: ["host-kernel"]))
    }
}
