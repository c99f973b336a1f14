import Explain

/// Draws a step and what it did: the commands, their output, then the kernel objects in the
/// same words as `--explain`, then each check with ✓ or ✗.
public struct OutcomeRenderer: Sendable {
    public var style: TerminalStyle
    public var text: UIText
    /// Columns to wrap at.
    public var width: Int

    public init(style: TerminalStyle, text: UIText, width: Int = 100) {
        self.style = style
        self.text = text
        self.width = max(30, width)
    }

    /// The step's header and code block, before it runs.
    public func stepLines(_ step: Step) -> [String] {
        var tags = ["\(step.isExercise ? text.exerciseLabel : text.stepLabel) \(step.id)"]
        if step.needsRoot { tags.append(text.needsRootLabel) }
        if let limit = step.attributes["rootless"] { tags.append("rootless=\(limit)") }
        if step.alwaysSimulated { tags.append("simulate=always") }
        var lines = [style.dim("┌─ " + tags.joined(separator: " · "))]
        if step.isExercise {
            // The block is the solution: hidden until asked for (`s`) or after two tries.
            return lines + [style.dim("│ " + text.solutionHidden), style.dim("└─")]
        }
        for (index, line) in step.code.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let lead = index == 0 || step.language == "dockyard" ? "$ " : "  "
            // A long command continues on the next line under itself, cut where the width ends.
            let pieces = DisplayWidth.hardWrap(String(line), width: width - 4, indent: "")
            for (part, piece) in pieces.enumerated() {
                lines.append(style.dim("│ ") + style.code((part == 0 ? lead : "  ") + piece))
            }
        }
        lines.append(style.dim("└─"))
        return lines
    }

    /// The outcome of a step: for each command its output first, then the kernel objects the
    /// step's text is about (`EventFocus`), the line it points at highlighted; then the checks.
    public func outcomeLines(_ outcome: StepOutcome, step: Step, transcript: Bool = false) -> [String] {
        var lines: [String] = []
        let focus = EventFocus(step: step)
        for run in outcome.runs {
            lines += commandLines(run.command.display).map(style.bold)
            switch run.command.mode {
            case .real: break
            case let .recorded(reason, _), let .simulated(reason): lines += wrapped(reason, first: "  ⚠ ", rest: "    ").map(style.warn)
            case let .skipped(reason):
                lines += wrapped(reason, first: "  ⚠ ", rest: "    ").map(style.warn)
                continue
            }
            for line in Self.split(run.output.stdout) {
                lines += DisplayWidth.hardWrap(UntrustedText.visible(line), width: width, indent: "  ")
            }
            for line in Self.split(run.messages) {
                lines += DisplayWidth.hardWrap(UntrustedText.visible(line), width: width, indent: "  ").map(style.dim)
            }
            if run.output.timedOut { lines.append(style.bad("  timed out")) }
            if !run.events.isEmpty {
                let all = run.events.map(TextRenderer.line(for:))
                let shown = focus.select(all)
                if !shown.isEmpty { lines.append(style.dim("  ── \(text.kernelObjects) ──")) }
                for line in shown { lines += eventLines(line.text, highlighted: line.highlighted) }
                if shown.count < all.count {
                    let more = all.count - shown.count
                    lines.append(style.dim("  " + (transcript ? text.moreEventsInTranscript(more) : text.moreEvents(more))))
                }
            }
        }
        for check in outcome.checks {
            switch check.verdict {
            case .passed: lines.append(style.good("✓ ") + check.message)
            case .failed: lines.append(style.bad("✗ ") + check.message)
            case .notApplicable: lines.append(style.dim("· " + check.message))
            }
        }
        return lines
    }

    /// Every kernel object of a step's runs (the `m` key), each wrapped under its text.
    public func allEventLines(_ outcome: StepOutcome, step: Step) -> [String] {
        let focus = EventFocus(step: step)
        var lines = [style.dim("  ── \(text.allEventsTitle) ──")]
        for run in outcome.runs where !run.events.isEmpty {
            lines += commandLines(run.command.display).map(style.bold)
            let all = run.events.map(TextRenderer.line(for:))
            let focused = Set(focus.select(all).filter(\.highlighted).map(\.text))
            for line in all { lines += eventLines(line, highlighted: focused.contains(line)) }
        }
        return lines
    }

    /// One event line wrapped to the width with a hanging indent under its text (past the tag
    /// column), marked and bold when the prose points at it.
    func eventLines(_ line: String, highlighted: Bool) -> [String] {
        let lead = highlighted ? "▸ " : "  "
        let hang = String(repeating: " ", count: 2 + max(11, DisplayWidth.of(EventFocus.tag(of: line)) + 1))
        // An event can carry what the container chose (a file name in its writable layer).
        return DisplayWidth.wrap(UntrustedText.visible(line), width: width, first: lead, rest: hang)
            .map { highlighted ? style.bold($0) : style.event($0) }
    }

    /// The command as run, after `$ `, its lines and any line past the width under it.
    func commandLines(_ display: String) -> [String] {
        var lines: [String] = []
        for line in display.split(separator: "\n") {
            for piece in DisplayWidth.hardWrap(String(line), width: width - 2, indent: "") {
                lines.append((lines.isEmpty ? "$ " : "  ") + piece)
            }
        }
        return lines
    }

    func wrapped(_ text: String, first: String, rest: String) -> [String] {
        DisplayWidth.wrap(text, width: width, first: first, rest: rest)
    }

    static func split(_ s: String) -> [String] {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A quiz: the question and numbered choices.
    public func quizLines(_ quiz: Quiz, prose: ProseRenderer) -> [String] {
        var lines = [style.dim("┌─ " + text.quizLabel)]
        lines += ProseRenderer(width: prose.width - 2, style: style).lines(quiz.question).map { style.dim("│ ") + $0 }
        for (index, choice) in quiz.choices.enumerated() {
            lines += DisplayWidth.wrap(choice.text.plain, width: width - 2, first: "  \(index + 1)) ", rest: "     ")
                .map { style.dim("│ ") + $0 }
        }
        lines.append(style.dim("└─"))
        return lines
    }

    /// For a transcript: why each wrong choice is wrong, under its number.
    public func whyWrongLines(_ quiz: Quiz, prose: ProseRenderer) -> [String] {
        var lines: [String] = []
        for (index, choice) in quiz.choices.enumerated() where !choice.correct && !choice.why.isEmpty {
            lines.append(style.dim("\(index + 1)) ") + choice.text.plain + style.dim(" — \(text.notThisOne)"))
            lines += prose.lines(choice.why, indent: 4)
            lines.append("")
        }
        return lines
    }
}
