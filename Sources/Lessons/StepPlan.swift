/// How one command of a step will run: for real, in the simulation, or not at all (and why).
///
/// `dockyard run` gets `--explain=json` so its kernel objects can be shown, and `--simulate`
/// when there is no root or the step's feature is not in the engine yet. A `sh` step that needs
/// root is skipped without it; so is `dockyard build`, which has no simulation yet.
public struct PlannedCommand: Sendable, Equatable {
    /// The command as the lesson wrote it (what the learner reads).
    public var display: String
    public var argv: [String]
    public var mode: Mode

    /// Whether the kernel is touched.
    public enum Mode: Sendable, Equatable {
        case real
        case simulated(reason: String)
        case skipped(reason: String)
    }

    public var isSkipped: Bool { if case .skipped = mode { true } else { false } }
    public var isSimulated: Bool { if case .simulated = mode { true } else { false } }
}

extension Step {
    /// The verbs of `dockyard` that take `--explain=json`.
    static let explainingVerbs: Set<String> = ["run", "build", "rm", "exec"]
    /// The verbs that need root and have no simulation yet: skipped, labelled, without root.
    static let rootOnlyVerbs: Set<String> = ["build", "exec", "start", "stop", "kill", "restart"]

    /// The commands this step runs in `context`, in order. `code` overrides the block's text
    /// (an exercise's answer typed by the learner).
    public func plan(in context: StepContext, code override: String? = nil, text: UIText) -> [PlannedCommand] {
        var step = self
        if let override { step.code = override }
        switch language {
        case "dockyard":
            return step.commands.map { planDockyard($0, context: context, text: text) }
        default:
            let script = step.code
            let display = script.hasSuffix("\n") ? String(script.dropLast()) : script
            if needsRoot && !context.realKernel {
                return [PlannedCommand(display: display, argv: [], mode: .skipped(reason: text.skippedNeedsRoot))]
            }
            return [PlannedCommand(display: display, argv: ["/bin/sh", "-c", script], mode: .real)]
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
                mode = .simulated(reason: text.simulatedNoRoot)
            }
        } else if !context.realKernel, Self.rootOnlyVerbs.contains(verb) || needsRoot {
            return PlannedCommand(display: line, argv: [], mode: .skipped(reason: text.skippedNeedsRoot))
        }
        words.insert(contentsOf: extra, at: 2)
        return PlannedCommand(display: line, argv: words, mode: mode)
    }
}
