import FoundationEssentials
import HostSystem

/// Runs one try of an exercise: the learner's commands (or, for `--auto`, the solution), then
/// the step's live checks (`ExerciseCheck`) against what exists now.
///
/// Before each try the step's `fresh=` containers are removed, so a second try starts clean;
/// what the try makes stays until the lesson is reset or finished, for the checks to read.
public struct ExerciseRunner: Sendable {
    public var executor: StepExecutor

    public init(executor: StepExecutor) {
        self.executor = executor
    }

    var context: StepContext { executor.context }
    var text: UIText { executor.text }

    /// The learner's try: `typed` is what they wrote, `answer` their typed value (for `answer`
    /// checks), and `attached` runs the commands that need the real terminal (`exec -it`).
    public func attempt(_ step: Step, typed: String, answer: String?,
                        attached: ((PlannedCommand) -> StepOutcome.Run)? = nil) -> StepOutcome {
        removeFresh(step)
        var typedStep = step
        typedStep.language = TypedCommands.language(of: typed)
        typedStep.code = typed.hasSuffix("\n") ? typed : typed + "\n"
        let environment = context.stepEnvironment
        var runs: [StepOutcome.Run] = []
        for command in typedStep.plan(in: context, text: text) {
            let run = TypedCommands.isInteractive(command.argv)
                ? attached?(command) ?? command.attachedPlaceholder : executor.run(command, environment: environment)
            runs.append(run)
            if run.output.status != 0 && step.attributes["status"] == nil { break }
        }
        return StepOutcome(runs: runs, checks: executor.judge(typedStep, runs) + live(step, runs, answer: answer))
    }

    /// `--auto`: the solution block run as written; an `answer` check gets the last line the
    /// solution printed, as a learner would read it off the screen.
    public func solve(_ step: Step) -> StepOutcome {
        removeFresh(step)
        let outcome = executor.run(step)
        let answer = step.liveChecks.contains(where: \.asksAnswer) ? Self.lastLine(outcome.runs) : nil
        return StepOutcome(runs: outcome.runs, checks: outcome.checks + live(step, outcome.runs, answer: answer))
    }

    /// The live checks judged again (the `c` key): the state may have changed since the try.
    public func recheck(_ step: Step, _ outcome: StepOutcome, answer: String?) -> [CheckResult] {
        executor.judge(step, outcome.runs) + live(step, outcome.runs, answer: answer)
    }

    /// The live checks, or why they cannot run: a command that did not reach the real engine
    /// (simulated, recorded, skipped) left nothing live to read.
    func live(_ step: Step, _ runs: [StepOutcome.Run], answer: String?) -> [CheckResult] {
        let checker = ExerciseChecker(context: context, runner: executor.runner, text: text)
        let real = !runs.isEmpty && runs.allSatisfy { $0.command.mode == .real }
        guard real, context.realKernel else {
            return checker.notApplicable(step.liveChecks, reason: text.liveNotChecked(text.liveNeedsEngine))
        }
        return checker.judge(step.liveChecks, answer: answer)
    }

    /// `dockyard rm -f` of each `fresh=` container (an absent one is not an error here), and
    /// each `fresh=` path in the lesson's directory removed.
    func removeFresh(_ step: Step) {
        for path in step.freshPaths {
            try? FileManager.default.removeItem(atPath: context.workDirectory + "/" + path)
        }
        let names = step.freshContainers
        guard !names.isEmpty, context.realKernel else { return }
        _ = executor.runner.run([context.dockyard, "rm", "-f"] + names, environment: context.stepEnvironment,
                                directory: context.workDirectory)
    }

    /// The last non-empty line of stdout.
    static func lastLine(_ runs: [StepOutcome.Run]) -> String? {
        runs.last.flatMap { run in run.output.stdout.split(separator: "\n").last { !$0.trimmed.isEmpty } }.map(String.init)
    }
}

extension PlannedCommand {
    /// An interactive command where no terminal can be given: recorded as not run.
    var attachedPlaceholder: StepOutcome.Run {
        .init(command: PlannedCommand(display: display, argv: [], mode: .skipped(reason: "needs a terminal")),
              output: CommandOutput(status: 0, stdout: "", stderr: ""), events: [], messages: "")
    }
}
