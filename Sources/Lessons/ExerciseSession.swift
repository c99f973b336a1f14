import HostSystem

/// An exercise in the interactive player: the learner types commands (several lines, a
/// here-document), a command that wants the terminal (`exec -it … sh`) gets it until the shell
/// exits, a typed answer is asked for when a check compares one, and the live checks judge.
/// The solution stays hidden until the learner presses `s` or has failed twice.
final class ExerciseSession {
    let setup: PlayerSetup
    let terminal: Terminal
    let runner: ExerciseRunner
    /// Failed tries per step id, for this lesson's visit.
    private var failures: [String: Int] = [:]
    /// The answer of the last try per step id, so `c` can judge it again.
    private var answers: [String: String] = [:]

    /// Tries after which the solution is shown without asking.
    static let triesBeforeSolution = 2

    init(setup: PlayerSetup, terminal: Terminal, executor: StepExecutor) {
        self.setup = setup
        self.terminal = terminal
        self.runner = ExerciseRunner(executor: executor)
    }

    var text: UIText { setup.text }
    var style: TerminalStyle { setup.style }

    /// One try; nil when the learner cancelled. The lines after the verdict (the solution once
    /// two tries failed, or what to do next) are printed here.
    func attempt(_ step: Step) -> StepOutcome? {
        guard let typed = readCommands() else { return nil }
        terminal.lines([""])
        var outcome = runner.attempt(step, typed: typed, answer: nil, attached: runAttached)
        if step.liveChecks.contains(where: \.asksAnswer), outcome.runs.allSatisfy({ $0.command.mode == .real }) {
            let answer = terminal.line(prompt: style.bold(text.exerciseAnswerPrompt)) ?? ""
            answers[step.id] = answer
            outcome.checks = runner.recheck(step, outcome, answer: answer)
        }
        return outcome
    }

    /// What to print after the verdict of a try.
    func afterTry(_ step: Step, _ outcome: StepOutcome) -> [String] {
        // Nothing live could be read (the simulation): each check already said so; no verdict.
        let live = outcome.checks.filter { if case .live = $0.check { true } else { false } }
        if !live.isEmpty && live.allSatisfy({ $0.verdict == .notApplicable }) { return [] }
        if outcome.passed { return [style.good("✓ " + text.exercisePassed)] }
        let failed = failures[step.id, default: 0] + 1
        failures[step.id] = failed
        var lines = [style.warn(text.triesLeft(failed))]
        if failed >= Self.triesBeforeSolution { lines += solutionLines(step) }
        return lines
    }

    /// The `c` key: the live checks again, with the answer of the last try.
    func recheck(_ step: Step, _ outcome: StepOutcome) -> [CheckResult] {
        runner.recheck(step, outcome, answer: answers[step.id])
    }

    /// The solution block, shown on `s` or after two failed tries.
    func solutionLines(_ step: Step) -> [String] {
        [style.bold(text.solutionShown)] + step.displayCode.split(separator: "\n").map { style.code("  $ " + $0) }
    }

    /// Lines until an empty one (outside a here-document); nil when the first line is empty.
    func readCommands() -> String? {
        terminal.lines([style.bold(text.exerciseTypePrompt)])
        var typed = TypedCommands()
        while let line = terminal.line(prompt: typed.lines.isEmpty ? "$ " : text.exerciseMore) {
            if typed.add(line) { break }
        }
        return typed.lines.isEmpty ? nil : typed.text
    }

    /// Runs an interactive command with the learner's own terminal (stdin, stdout and stderr
    /// inherited, the terminal in its usual line mode) and waits for it to exit.
    func runAttached(_ command: PlannedCommand) -> StepOutcome.Run {
        terminal.lines([style.dim(text.interactiveShell(command.display))])
        terminal.cookedMode()
        let argv = command.argv.filter { $0 != "--explain=json" }
        var status: Int32 = 125
        let context = runner.context
        if let executable = argv.first {
            var program = HostProgram(executable, Array(argv.dropFirst()), environment: context.stepEnvironment,
                                      directory: context.workDirectory)
            program.searchesPath = true
            if let pid = try? program.spawn(stdin: .standardInput, stdout: .standardOutput, stderr: .standardError),
               let exit = try? ExitStatus.wait(for: pid) {
                status = exit.shellStatus
            }
        }
        return .init(command: command, output: CommandOutput(status: status, stdout: "", stderr: ""), events: [], messages: "")
    }
}
