#if canImport(Glibc)
import Glibc
#endif
import Explain
import FoundationEssentials

/// What running a step did: each command's output and kernel events, then its checks.
public struct StepOutcome: Sendable {
    /// One command of the step after it ran.
    public struct Run: Sendable {
        public var command: PlannedCommand
        public var output: CommandOutput
        /// The explain events decoded from the command's stderr.
        public var events: [Event]
        /// Stderr without the event lines: the engine's messages and the container's stderr.
        public var messages: String
    }

    public var runs: [Run]
    public var checks: [CheckResult]

    /// True when every check passed or was not applicable.
    public var passed: Bool { checks.allSatisfy { $0.verdict != .failed } }
    public var simulated: Bool { runs.contains { $0.command.isSimulated } }
    /// Shown from a recorded real run rather than run here.
    public var recorded: Bool { runs.contains { $0.command.isRecorded } }
    public var skipped: Bool { !runs.isEmpty && runs.allSatisfy { $0.command.isSkipped } }
}

/// One check's verdict, with a sentence for the learner.
public struct CheckResult: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable { case passed, failed, notApplicable }
    public var check: Check
    public var verdict: Verdict
    public var message: String
}

/// Runs a step's planned commands and judges its checks.
public struct StepExecutor: Sendable {
    public var context: StepContext
    public var runner: ProcessRunner
    public var text: UIText

    public init(context: StepContext, runner: ProcessRunner = ProcessRunner(), text: UIText) {
        self.context = context
        self.runner = runner
        self.text = text
    }

    /// The entry code's switch that keeps a `dockyard` out of the rootless holder (DockyardEntry).
    static let noJoin = "DOCKYARD_ROOTLESS_JOIN"

    public func run(_ step: Step, code: String? = nil) -> StepOutcome {
        let environment = context.stepEnvironment
        var runs: [StepOutcome.Run] = []
        for command in step.plan(in: context, code: code, text: text) {
            let run = run(command, environment: environment)
            runs.append(run)
            if run.output.status != 0 && step.attributes["status"] == nil { break }
        }
        return StepOutcome(runs: runs, checks: judge(step, runs))
    }

    /// Runs one planned command in the lesson's directory (a skipped one is not run, a recorded
    /// one gives back its recording) and separates its explain events from the rest of its stderr.
    public func run(_ command: PlannedCommand, environment: [String]? = nil) -> StepOutcome.Run {
        if case let .recorded(_, recording) = command.mode {
            return .init(command: command, output: CommandOutput(status: recording.status, stdout: recording.stdout, stderr: ""),
                         events: recording.events, messages: recording.messages)
        }
        guard !command.isSkipped else {
            return .init(command: command, output: CommandOutput(status: 0, stdout: "", stderr: ""), events: [], messages: "")
        }
        // The directory may be new, or removed by a cleanup since the last step.
        try? FileManager.default.createDirectory(atPath: context.workDirectory, withIntermediateDirectories: true)
        var environment = environment ?? context.stepEnvironment
        if command.isSimulated {
            // The simulation is another host: it must not join (or make) the rootless namespace,
            // where the engine would refuse what the simulation only shows (a limit, a bridge).
            environment = environment.filter { !$0.hasPrefix(Self.noJoin + "=") } + [Self.noJoin + "=0"]
        }
        let output = runner.run(command.argv, environment: environment, directory: context.workDirectory)
        var events: [Event] = []
        var messages = ""
        for line in OutcomeRenderer.split(output.stderr) {
            if line.hasPrefix("{\"event\":"), let event = Event(jsonLine: String(line)) {
                events.append(event)
            } else {
                messages += line + "\n"
            }
        }
        return .init(command: command, output: output, events: events, messages: messages)
    }

    func judge(_ step: Step, _ runs: [StepOutcome.Run]) -> [CheckResult] {
        let ran = runs.filter { !$0.command.isSkipped }
        if ran.isEmpty {
            return step.checks.map { CheckResult(check: $0, verdict: .notApplicable, message: text.checkNotRun) }
        }
        let simulated = ran.contains { $0.command.isSimulated }
        let output = ran.map { $0.output.stdout + $0.messages }.joined()
        // The output without the lines that only repeat a command (ps listing `sh -c '…'`, an
        // error quoting it): an output check must pass on what the run itself printed.
        let echoes = ran.flatMap { $0.command.display.split(separator: "\n").map(String.init) }
            .flatMap(LessonTruthLinter.commandTails)
        let ownLines = output.split(separator: "\n").filter { line in !echoes.contains { line.contains($0) } }
        let eventLines = ran.flatMap(\.events).map(TextRenderer.line(for:))
        var results: [CheckResult] = []

        let expected = step.checks.compactMap { if case let .status(s) = $0 { s } else { nil } }.first
        let firstFailure = ran.dropLast().first { $0.output.status != 0 }
        if let last = ran.last {
            if let failure = firstFailure {
                results.append(CheckResult(check: .status(0), verdict: .failed,
                                           message: text.commandFailed(failure.command.display, failure.output.status)))
            } else if let expected, !simulated {
                let ok = last.output.status == expected
                results.append(CheckResult(check: .status(expected), verdict: ok ? .passed : .failed,
                                           message: ok ? text.statusIs(expected) : text.statusWas(last.output.status, expected: expected)))
            } else if expected == nil || simulated {
                let ok = last.output.status == 0
                results.append(CheckResult(check: .status(0), verdict: ok ? .passed : .failed,
                                           message: ok ? text.statusIs(0) : text.commandFailed(last.command.display, last.output.status)))
            }
        }
        for check in step.checks {
            switch check {
            case .status, .live:
                continue
            case let .outputContains(needle):
                if simulated {
                    results.append(CheckResult(check: check, verdict: .notApplicable, message: text.outputNotInSimulation))
                } else {
                    let ok = output.contains(needle) && ownLines.joined(separator: "\n").contains(needle)
                    results.append(CheckResult(check: check, verdict: ok ? .passed : .failed,
                                               message: ok ? text.outputContains(needle)
                                                   : output.contains(needle) ? text.outputOnlyEchoes(needle) : text.outputLacks(needle)))
                }
            case let .outputMatches(pattern):
                if simulated {
                    results.append(CheckResult(check: check, verdict: .notApplicable, message: text.outputNotInSimulation))
                } else {
                    let regex = try? Regex(pattern)
                    let anyLine = regex.map { r in output.split(separator: "\n").contains { $0.firstMatch(of: r) != nil } } ?? false
                    let ok = regex.map { r in ownLines.contains { $0.firstMatch(of: r) != nil } } ?? false
                    results.append(CheckResult(check: check, verdict: ok ? .passed : .failed,
                                               message: ok ? text.outputMatches(pattern)
                                                   : anyLine ? text.outputOnlyEchoes(pattern) : text.outputLacksMatch(pattern)))
                }
            case let .explains(needle):
                let ok = eventLines.contains { $0.contains(needle) }
                results.append(CheckResult(check: check, verdict: ok ? .passed : .failed,
                                           message: ok ? text.kernelShowed(needle) : text.kernelLacked(needle)))
            }
        }
        return results
    }
}
