import ContainerRuntime
import DockerfileSyntax
import Explain
import FoundationEssentials
import HostSystem
import ImageStore
import LinuxKernel
import OCI

/// One run of `Builder.build`: the step counter, the build arguments, and the dispatch of each
/// instruction to what it does. The steps themselves live in `BuildSession+Run`, `+Copy` and
/// `+Config`.
struct BuildSession {
    let builder: Builder
    let request: BuildRequest
    let plan: BuildPlan
    let context: BuildContext
    let lexer: ShellLexer
    let fileName: String
    var arguments: BuildArguments
    private(set) var stepNumber = 0

    init(builder: Builder, request: BuildRequest, plan: BuildPlan, context: BuildContext,
         lexer: ShellLexer, fileName: String) {
        self.builder = builder
        self.request = request
        self.plan = plan
        self.context = context
        self.lexer = lexer
        self.fileName = fileName
        self.arguments = plan.globalArguments   // declared once, by the plan
    }

    static func now() -> String {
        Timestamp.string(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// Expands variables in an instruction's word (ConfigEditor.expand).
    func expand(_ word: String, in scope: [String: String], for instruction: Instruction) throws -> String {
        try ConfigEditor(lexer: lexer, fileName: fileName).expand(word, in: scope, for: instruction)
    }

    /// Builds one stage, from its FROM to its last instruction.
    mutating func build(stage: Stage, finished: [Int: StageState]) throws -> StageState {
        var state: StageState?
        for instruction in stage.instructions {
            stepNumber += 1
            let text = Self.displayText(of: instruction)
            builder.progress.stepStarted(number: stepNumber, total: plan.totalSteps, text: text)
            builder.events.emit(Event(.buildStep(number: stepNumber, total: plan.totalSteps, instruction: text),
                                      simulated: builder.kernel.isSimulated))
            let started = Date()
            let outcome: StepOutcome
            if case .from = instruction.details {
                var from = try startStage(stage, instruction: instruction, finished: finished)
                outcome = .configOnly
                try runTriggers(of: &from, stage: stage, finished: finished)
                state = from
            } else {
                guard var current = state else { throw BuildError("no FROM before this instruction", at: instruction, file: fileName) }
                outcome = try execute(instruction, on: &current, stage: stage, finished: finished)
                state = current
            }
            builder.progress.stepFinished(number: stepNumber, cached: outcome == .cached,
                                          configOnly: outcome == .configOnly, seconds: Date().timeIntervalSince(started))
        }
        guard let state else { throw BuildError("stage \(stage.index) has no FROM", fileName: fileName) }
        return state
    }

    /// How a step went, for the progress line.
    enum StepOutcome: Equatable {
        case cached, built, configOnly
    }

    /// Runs one instruction of a stage.
    mutating func execute(_ instruction: Instruction, on state: inout StageState, stage: Stage,
                          finished: [Int: StageState]) throws -> StepOutcome {
        switch instruction.details {
        case .from:
            throw BuildError("FROM inside a stage", at: instruction, file: fileName)
        case let .run(form):
            return try run(form, instruction: instruction, on: &state)
        case let .copy(sources, destination):
            return try copy(sources, to: destination, instruction: instruction, on: &state, finished: finished, isAdd: false)
        case let .add(sources, destination):
            return try copy(sources, to: destination, instruction: instruction, on: &state, finished: finished, isAdd: true)
        case let .workdir(path):
            return try workdir(path, instruction: instruction, on: &state)
        case let .arg(declarations):
            for declaration in declarations {
                let value: String?
                do {
                    value = try arguments.resolve(declaration, lexer: lexer, scope: state.expansionScope)
                } catch {
                    throw BuildError(error.message, at: instruction, file: fileName)
                }
                state.arguments[declaration.name] = value ?? state.arguments[declaration.name]
            }
            return configStep(instruction, on: &state, change: nil)
        default:
            return try configure(instruction, on: &state)
        }
    }

    /// The instruction as the progress line shows it: its first line, trimmed.
    static func displayText(of instruction: Instruction) -> String {
        let text = instruction.original.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? instruction.original
        let trimmed = text.trimmed
        return trimmed.count > 100 ? String(trimmed.prefix(99)) + "…" : trimmed
    }
}
