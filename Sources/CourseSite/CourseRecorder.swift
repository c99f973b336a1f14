import Explain
import FoundationEssentials
import Lessons
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard course record`: runs every step of a lesson with the player's own step executor
/// (for real as root, so the kernel objects are real ones; or as an ordinary user in rootless
/// mode, so a rootless lesson's recording holds what only a user namespace shows, its id maps)
/// and keeps what each command printed and every explain event it reported.
public struct CourseRecorder: Sendable {
    public var dockyard: String
    public var environment: [String: String]
    /// Root, rootless (an ordinary user), or the simulation.
    public var mode: LearnerMode
    /// Where steps run: one scratch directory per lesson below it.
    public var workRoot: String

    public init(dockyard: String, environment: [String: String], mode: LearnerMode, workRoot: String) {
        self.dockyard = dockyard
        self.environment = environment
        self.mode = mode
        self.workRoot = workRoot
    }

    public init(dockyard: String, environment: [String: String], realKernel: Bool, workRoot: String) {
        self.init(dockyard: dockyard, environment: environment, mode: realKernel ? .root : .simulation(.asked), workRoot: workRoot)
    }

    /// Runs the lesson's steps in order, cleaning up what it made before and after. In rootless
    /// mode a step only the host's root can run is shown from `previous`, the recording made
    /// as root, and kept from it as it was. With `only`, every step still runs (a later step
    /// needs what an earlier one made), but only those steps, and steps `previous` lacks, take
    /// the new run: the others, and the time and kernel, stay `previous`'s as they were.
    public func record(_ lesson: Lesson, previous: LessonRecording? = nil, only: Set<String> = []) -> LessonRecording {
        let work = workRoot + "/" + lesson.slug
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let context = StepContext(dockyard: dockyard, workDirectory: work, environment: environment, mode: mode,
                                  recordings: previous?.realRuns ?? [:])
        let executor = StepExecutor(context: context, text: UIText(language: lesson.language))
        LessonCleanup(lesson: lesson).run(context: context)
        let steps = lesson.steps.map { step in
            let outcome = executor.run(step)
            let shownFromRecording = !outcome.runs.isEmpty && outcome.runs.allSatisfy {
                if case .recorded = $0.command.mode { true } else { false }
            }
            if shownFromRecording, let kept = previous?.step(step.id) { return kept }
            return StepRecording(id: step.id, passed: outcome.passed, runs: outcome.runs.map(Self.recording))
        }
        LessonCleanup(lesson: lesson).run(context: context)
        let recording = LessonRecording(lesson: lesson.slug, language: lesson.language,
                                        recordedAt: Date().ISO8601Format(), kernel: Self.kernelName(), steps: steps)
        return only.isEmpty ? recording : Self.merging(recording, into: previous, only: only)
    }

    /// `previous` with the `only` steps (and any step it lacks) taken from `recording`, in the
    /// lesson's order; without a previous recording, the new one whole.
    package static func merging(_ recording: LessonRecording, into previous: LessonRecording?, only: Set<String>) -> LessonRecording {
        guard var merged = previous else { return recording }
        merged.steps = recording.steps.map { step in
            only.contains(step.id) ? step : previous?.step(step.id) ?? step
        }
        return merged
    }

    static func recording(_ run: StepOutcome.Run) -> RunRecording {
        let (mode, reason): (String, String?) = switch run.command.mode {
        case .real: ("real", nil)
        case let .recorded(reason, _): ("recorded", reason)
        case let .simulated(reason): ("simulated", reason)
        case let .skipped(reason): ("skipped", reason)
        }
        return RunRecording(command: run.command.display, mode: mode, reason: reason, status: run.output.status,
                            stdout: run.output.stdout, messages: run.messages,
                            events: run.events.map(JSONLinesRenderer.line(for:)))
    }

    /// `uname -srm`: the kernel the recording was made on.
    public static func kernelName() -> String {
        var names = utsname()
        uname(&names)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return [field(names.sysname), field(names.release), field(names.machine)].joined(separator: " ")
    }
}
