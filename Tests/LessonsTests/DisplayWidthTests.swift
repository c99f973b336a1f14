import Explain
import Testing
@testable import Lessons

/// Columns as a terminal draws them: East Asian Wide and Fullwidth characters take two, marks none.
@Suite("Display width and wrapping in terminal columns")
struct DisplayWidthTests {
    @Test("Hangul, CJK, kana and fullwidth forms take two columns; ASCII, marks and colour codes as drawn")
    func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("수업") == 4)
        #expect(DisplayWidth.of("漢字かなカナ") == 12)
        #expect(DisplayWidth.of("ＡＢ") == 4, "fullwidth Latin")
        #expect(DisplayWidth.of("e\u{301}") == 1, "a combining accent takes no column")
        #expect(DisplayWidth.of("\u{1B}[1;34m수업\u{1B}[0m") == 4, "escape sequences take none")
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2, "a syllable from jamo is as wide as 각")
        #expect(DisplayWidth.of("✓ ▸ ─ …") == 7, "the player's symbols are narrow")
        #expect(DisplayWidth.of("⌚") == 2 && DisplayWidth.of("😀") == 2)
    }

    @Test("wrapping breaks at spaces within the width, with a hanging indent, and keeps inner spaces")
    func wrap() {
        let lines = DisplayWidth.wrap("컨테이너는 호스트 커널 위의 평범한 프로세스입니다", width: 20, first: "• ", rest: "  ")
        #expect(lines == ["• 컨테이너는 호스트", "  커널 위의 평범한", "  프로세스입니다"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        let event = DisplayWidth.wrap("cgroup     write 67108864 > /sys/fs/cgroup/memory/dockyard/abc/memory.limit_in_bytes",
                                      width: 40, first: "  ", rest: String(repeating: " ", count: 13))
        #expect(event.first == "  cgroup     write 67108864 >", "the tag column's spaces stay")
        #expect(event.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 13)) })
        #expect(event.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test("a word longer than the line is cut inside, never past the width")
    func longWord() {
        let lines = DisplayWidth.wrap(String(repeating: "가", count: 15), width: 10)
        #expect(lines == ["가가가가가", "가가가가가", "가가가가가"])
    }

    @Test("output is cut every width columns with nothing dropped, so ps columns stay")
    func hardWrap() {
        let lines = DisplayWidth.hardWrap("PID   USER     TIME  COMMAND", width: 12, indent: "  ")
        #expect(lines == ["  PID   USER", "       TIME ", "   COMMAND"])
        #expect(lines.map { $0.dropFirst(2) }.joined() == "PID   USER     TIME  COMMAND")
    }

    @Test("truncation stops at the width and marks the cut")
    func truncate() {
        #expect(DisplayWidth.truncate("동작하는 컨테이너", to: 9) == "동작하는…")
        #expect(DisplayWidth.truncate("short", to: 9) == "short")
    }

    @Test("the key bar at 80 columns takes a second line rather than passing the edge, in Korean too")
    func keyBar() {
        for language in ["en", "ko"] {
            let text = UIText(language: language)
            for kind in [UIText.PageKind.step(passed: false), .step(passed: true), .quiz(answered: false), .read] {
                let lines = KeyBar(items: text.pageKeys(kind, last: false), width: 80).lines
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
                #expect(lines.joined(separator: "  ") == text.pageKeys(kind, last: false).joined(separator: "  "))
            }
        }
        let korean = KeyBar(items: UIText(language: "ko").pageKeys(.step(passed: false), last: false), width: 80).lines
        #expect(korean.count == 2, "the Korean step bar is wider than 80 columns: \(korean)")
    }
}

/// A container's output reaches the learner's terminal only as visible text.
@Suite("Container output on the learner's terminal")
struct UntrustedTextTests {
    @Test("escape sequences, C1 controls and bells are shown, not obeyed; tabs expand")
    func visible() {
        #expect(UntrustedText.visible("\u{1B}]52;c;cHduZWQ=\u{07}ok") == "^[]52;c;cHduZWQ=^Gok")
        #expect(UntrustedText.visible("\u{1B}[2A✓ passed") == "^[[2A✓ passed")
        #expect(UntrustedText.visible("a\u{9B}b") == "a<U+009B>b")
        #expect(UntrustedText.visible("1\tb") == "1       b")
        #expect(UntrustedText.visible("수업 plain") == "수업 plain")
    }

    @Test("a step's outcome shows a container's escape sequence as text, in its output and its events")
    func outcome() {
        let run = StepOutcome.Run(
            command: PlannedCommand(display: "dockyard run --rm busybox printf", argv: [], mode: .real),
            output: CommandOutput(status: 0, stdout: "\u{1B}]0;pwned\u{07}\n", stderr: ""),
            events: [Event(.writableLayerChanged(upperdir: "/u", changes: ["A /tmp/\u{1B}[31mred"]))],
            messages: "\u{1B}[1A")
        let stepShowingLayers = Step(language: "dockyard", id: "s", code: "", attributes: (try? Attributes.parse("step=s show=layer")) ?? Attributes(),
                                     hints: [], line: 1)
        let lines = OutcomeRenderer(style: TerminalStyle(enabled: false), text: UIText(language: "en"), width: 80)
            .outcomeLines(StepOutcome(runs: [run], checks: []), step: stepShowingLayers)
        #expect(!lines.joined().contains("\u{1B}"), "\(lines)")
        #expect(lines.contains("  ^[]0;pwned^G"))
        #expect(lines.contains { $0.contains("/tmp/^[[31mred") })
    }
}
