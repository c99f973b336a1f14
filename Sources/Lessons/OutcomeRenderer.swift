import Explain

/// Draws a step and what it did: the commands, their output, then the kernel objects in the
/// same words as `--explain`, then each check with ✓ or ✗.
public struct OutcomeRenderer: Sendable {
    public var style: TerminalStyle
    public var text: UIText

    public init(style: TerminalStyle, text: UIText) {
        self.style = style
        self.text = text
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
        let prefix = step.language == "sh" ? "$ " : "$ "
        for (index, line) in step.code.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            lines.append(style.dim("│ ") + style.code((index == 0 || step.language == "dockyard" ? prefix : "  ") + line))
        }
        lines.append(style.dim("└─"))
        return lines
    }

    /// The outcome of a step.
    public func outcomeLines(_ outcome: StepOutcome, step: Step) -> [String] {
        var lines: [String] = []
        for run in outcome.runs {
            lines.append(style.bold("$ " + run.command.display.split(separator: "\n").joined(separator: "\n  ")))
            switch run.command.mode {
            case .real: break
            case let .recorded(reason, _), let .simulated(reason): lines.append(style.warn("  ⚠ " + reason))
            case let .skipped(reason):
                lines.append(style.warn("  ⚠ " + reason))
                continue
            }
            for line in Self.split(run.output.stdout) { lines.append("  " + line) }
            for line in Self.split(run.messages) { lines.append("  " + style.dim(line)) }
            if run.output.timedOut { lines.append(style.bad("  timed out")) }
            if !run.events.isEmpty {
                let all = run.events.map(TextRenderer.line(for:))
                let shown = step.shownTags.map { tags in
                    all.filter { line in tags.contains(String(line.prefix { $0 != " " })) }
                } ?? all
                lines.append(style.dim("  ── \(text.kernelObjects) ──"))
                for line in shown { lines.append("  " + style.event(line)) }
                if shown.count < all.count {
                    lines.append(style.dim("  … \(all.count - shown.count) \(text.moreEvents)"))
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

    static func split(_ s: String) -> [String] {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A quiz: the question and numbered choices.
    public func quizLines(_ quiz: Quiz, prose: ProseRenderer) -> [String] {
        var lines = [style.dim("┌─ " + text.quizLabel)]
        lines += prose.lines(quiz.question).map { style.dim("│ ") + $0 }
        for (index, choice) in quiz.choices.enumerated() {
            lines.append(style.dim("│ ") + "  \(index + 1)) " + choice.text.plain)
        }
        lines.append(style.dim("└─"))
        return lines
    }
}
