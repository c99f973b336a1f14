/// How one command of a step will run: for real, shown from a recorded real run, in the
/// simulation, or not at all (and why).
///
/// `dockyard run` gets `--explain=json` so its kernel objects can be shown, and `--simulate`
/// when there is no real engine or the step's feature is not in the engine yet. A `sh` step that
/// needs root is skipped without it; so is `dockyard build`, which has no simulation yet.
public struct PlannedCommand: Sendable, Equatable {
    /// The command as the lesson wrote it (what the learner reads).
    public var display: String
    public var argv: [String]
    public var mode: Mode

    /// Whether the kernel is touched.
    public enum Mode: Sendable, Equatable {
        case real
        /// Not run: the output of a real run recorded earlier is shown instead.
        case recorded(reason: String, run: RecordedRun)
        case simulated(reason: String)
        case skipped(reason: String)
    }

    public var isSkipped: Bool { if case .skipped = mode { true } else { false } }
    public var isSimulated: Bool { if case .simulated = mode { true } else { false } }
    public var isRecorded: Bool { if case .recorded = mode { true } else { false } }
}

extension Step {
    /// The verbs of `dockyard` that take `--explain=json`: kernel objects, and for `pull` and
    /// `push` the HTTP exchanges with a registry and each digest verified.
    static let explainingVerbs: Set<String> = ["run", "build", "rm", "exec", "pull", "push"]
    /// The verbs that need a real engine and have no simulation yet: skipped, labelled, without one.
    static let rootOnlyVerbs: Set<String> = ["build", "exec", "start", "stop", "kill", "restart"]

    /// The commands this step runs in `context`, in order. `code` overrides the block's text
    /// (an exercise's answer typed by the learner).
    ///
    /// The order for a step the learner cannot run: its real run recorded in
    /// `lessons/recordings`, then the simulation, then skipped — each saying why.
    public func plan(in context: StepContext, code override: String? = nil, text: UIText) -> [PlannedCommand] {
        var step = self
        if let override { step.code = override }
        let ownCode = override == nil || override == code
        if case let .rootless(abilities) = context.mode, let limit = step.rootlessLimit(abilities) {
            let why = text.needsHostRoot(limit)
            if ownCode, let recorded = step.recordedPlan(context, why: why, text: text) { return recorded }
            return step.simulatedPlan(context, reason: text.simulatedBecause(why), skip: text.skippedBecause(why))
        }
        let planned = step.realPlan(in: context, text: text)
        guard case let .simulation(cause) = context.mode, ownCode,
              planned.contains(where: { $0.isSimulated || $0.isSkipped }) else { return planned }
        // The learner asked for the simulation: a recording only stands in for what it cannot show,
        // such as a container of an image an earlier (recorded) step built, which the simulation
        // does not have.
        if cause == .asked && !planned.allSatisfy(\.isSkipped) && !step.runsLessonImage { return planned }
        return step.recordedPlan(context, why: text.noRealEngine(cause), text: text) ?? planned
    }

    /// Every command from the step's recorded real run, when there is one.
    func recordedPlan(_ context: StepContext, why: String, text: UIText) -> [PlannedCommand]? {
        guard let runs = context.recordings[id], !runs.isEmpty else { return nil }
        return runs.map { run in
            PlannedCommand(display: run.command, argv: [],
                           mode: .recorded(reason: text.recorded(why, at: run.recordedAt, kernel: run.kernel), run: run))
        }
    }

    /// The step without a real engine: `dockyard run` simulated, everything else skipped.
    func simulatedPlan(_ context: StepContext, reason: String, skip: String) -> [PlannedCommand] {
        guard language == "dockyard" else {
            return [PlannedCommand(display: displayCode, argv: [], mode: .skipped(reason: skip))]
        }
        return commands.map { line in
            var words = ShellWords.split(line)
            let detached = words.contains("-d") || words.contains("--detach")
            guard words.first == "dockyard", words.count >= 2, words[1] == "run", !detached else {
                return PlannedCommand(display: line, argv: [], mode: .skipped(reason: skip))
            }
            words[0] = context.dockyard
            words.insert(contentsOf: ["--explain=json", "--simulate"], at: 2)
            return PlannedCommand(display: line, argv: words, mode: .simulated(reason: reason))
        }
    }

    var displayCode: String { code.hasSuffix("\n") ? String(code.dropLast()) : code }

    /// The plan in the learner's mode when nothing in the step is beyond it.
    func realPlan(in context: StepContext, text: UIText) -> [PlannedCommand] {
        switch language {
        case "dockyard":
            return commands.map { planDockyard($0, context: context, text: text) }
        default:
            if needsRoot && !context.realKernel {
                return [PlannedCommand(display: displayCode, argv: [], mode: .skipped(reason: text.skippedNeedsRoot))]
            }
            return [PlannedCommand(display: displayCode, argv: ["/bin/sh", "-c", code], mode: .real)]
        }
    }

    private func planDockyard(_ line: String, context: StepContext, text: UIText) -> PlannedCommand {
        var words = ShellWords.split(line)
        guard words.first == "dockyard", words.count >= 2 else {
            return PlannedCommand(display: line, argv: [], mode: .skipped(reason: text.notADockyardCommand))
        }
        words[0] = context.dockyard
        let verb = words[1]
        var mode = PlannedCommand.Mode.real
        var extra: [String] = []
        if Self.explainingVerbs.contains(verb) { extra.append("--explain=json") }
        let detached = words.contains("-d") || words.contains("--detach")
        if !context.realKernel, let simulated = Self.podSimulation(words) {
            let asked = if case .simulation(.asked) = context.mode { true } else { false }
            return PlannedCommand(display: line, argv: simulated, mode: .simulated(reason: asked ? text.simulatedAsked : text.simulatedNoRoot))
        }
        if verb == "run" && detached && !context.realKernel {
            // A detached container outlives the command; the simulation has nothing to leave running.
            return PlannedCommand(display: line, argv: [], mode: .skipped(reason: text.skippedNeedsRoot))
        }
        if verb == "run" {
            if alwaysSimulated {
                extra.append("--simulate")
                mode = .simulated(reason: text.simulatedNotInEngine)
            } else if !context.realKernel {
                extra.append("--simulate")
                // As root with --simulate, "not root" would be false: say who asked.
                let asked = if case .simulation(.asked) = context.mode { true } else { false }
                mode = .simulated(reason: asked ? text.simulatedAsked : text.simulatedNoRoot)
            }
        } else if !context.realKernel, Self.rootOnlyVerbs.contains(verb) || needsRoot {
            return PlannedCommand(display: line, argv: [], mode: .skipped(reason: text.skippedNeedsRoot))
        }
        words.insert(contentsOf: extra, at: 2)
        return PlannedCommand(display: line, argv: words, mode: mode)
    }
}

extension Step {
    /// How the simulation shows a pod being made, or nil for another command: `pod create`
    /// makes no kernel object (the infra container starts with the pod's first container), and
    /// a detached `run --pod` is simulated in the foreground — a simulated container never runs,
    /// so nothing would outlive it — joining the pod's namespaces as the engine's stand-in pod.
    static func podSimulation(_ words: [String]) -> [String]? {
        guard words.count > 2 else { return nil }
        if words[1] == "pod" && words[2] == "create" {
            return Array(words[...2]) + ["--simulate"] + words[3...]
        }
        guard words[1] == "run", words.contains(where: { $0 == "--pod" || $0.hasPrefix("--pod=") }),
              words.contains("-d") || words.contains("--detach") else { return nil }
        return [words[0], "run", "--explain=json", "--simulate"] + words[2...].filter { $0 != "-d" && $0 != "--detach" }
    }

    /// The `run` flags of the lessons that take no value; every other flag's value is the next
    /// word unless written `--flag=value`.
    static let runFlagsWithoutValue: Set<String> = [
        "--rm", "-d", "--detach", "-i", "--interactive", "-t", "--tty", "-it", "-ti", "--privileged",
        "--read-only", "--init", "-P", "--publish-all", "--no-healthcheck",
    ]

    /// Whether a `dockyard run` of the step starts an image the lesson itself made (`lesson-…`):
    /// the simulation has no such image, so only the recorded real run shows what it does.
    var runsLessonImage: Bool {
        commands.map(ShellWords.split).contains { words in
            guard words.count > 2, words[0] == "dockyard", words[1] == "run" else { return false }
            var index = 2
            while index < words.count, words[index].hasPrefix("-") {
                let flag = words[index]
                index += Self.runFlagsWithoutValue.contains(flag) || flag.contains("=") ? 1 : 2
            }
            return index < words.count && LessonCleanup.isLessonName(words[index])
        }
    }
}
