/// The player's own words in the learner's language (the lessons bring their own).
public struct UIText: Sendable {
    public var language: String

    public init(language: String) { self.language = language }

    var ko: Bool { language == "ko" }

    /// `ko` when LC_ALL, LC_MESSAGES or LANG (first one set) starts with ko; `en` otherwise.
    public static func language(from environment: [String: String]) -> String {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty { return value.hasPrefix("ko") ? "ko" : "en" }
        }
        return "en"
    }

    var skippedNeedsRoot: String { ko ? "건너뜀: 실제 엔진(root 또는 rootless 모드)이 필요하고, 이 명령어에는 아직 시뮬레이션이 없습니다" : "skipped: needs a real engine (root or rootless mode), and this command has no simulation yet" }
    var notADockyardCommand: String { ko ? "건너뜀: dockyard 명령어가 아닙니다" : "skipped: not a dockyard command" }
    var simulatedNoRoot: String { ko ? "시뮬레이션: root가 아니므로 아무것도 만들지 않습니다" : "simulated: not root, so nothing is created" }
    var simulatedNotInEngine: String { ko ? "시뮬레이션: 이 기능은 아직 엔진에 없습니다" : "simulated: the engine does not have this feature yet" }
    var checkNotRun: String { ko ? "확인 안 함: 단계가 실행되지 않았습니다" : "not checked: the step did not run" }
    var outputNotInSimulation: String { ko ? "확인 안 함: 시뮬레이션에서는 명령어를 실행하지 않습니다" : "not checked: commands do not run in a simulation" }
    func commandFailed(_ command: String, _ status: Int32) -> String {
        ko ? "\(command)이(가) 종료 상태 \(status)(으)로 끝났습니다" : "\(command) exited with status \(status)"
    }
    func statusIs(_ s: Int32) -> String { ko ? "종료 상태 \(s)" : "exit status \(s)" }
    func statusWas(_ s: Int32, expected: Int32) -> String {
        ko ? "종료 상태가 \(s)입니다 (기대값 \(expected))" : "exit status was \(s), expected \(expected)"
    }
    func outputContains(_ s: String) -> String { ko ? "출력에 \"\(s)\"이(가) 있습니다" : "output contains \"\(s)\"" }
    func outputLacks(_ s: String) -> String { ko ? "출력에 아직 \"\(s)\"이(가) 없습니다" : "the output does not contain \"\(s)\" yet" }
    func outputOnlyEchoes(_ s: String) -> String {
        ko ? "\"\(s)\"은(는) 명령어를 되풀이한 줄에만 있습니다. 실행이 직접 출력한 것이 아닙니다"
            : "\"\(s)\" is only on a line that repeats the command, not in what the run itself printed"
    }
    func outputMatches(_ s: String) -> String { ko ? "출력이 /\(s)/와(과) 일치합니다" : "output matches /\(s)/" }
    func outputLacksMatch(_ s: String) -> String { ko ? "출력에 /\(s)/와(과) 맞는 줄이 아직 없습니다" : "no line of the output matches /\(s)/ yet" }
    func kernelShowed(_ s: String) -> String { ko ? "커널 객체: \(s)" : "kernel object: \(s)" }
    func kernelLacked(_ s: String) -> String { ko ? "커널 객체에 \"\(s)\"이(가) 보이지 않습니다" : "no kernel object mentions \"\(s)\"" }

    var kernelObjects: String { ko ? "커널 객체" : "kernel objects" }
    func page(_ i: Int, _ n: Int) -> String { ko ? "\(i)/\(n)쪽" : "page \(i)/\(n)" }
    var lessonsTitle: String { ko ? "Dockyard 수업" : "Dockyard lessons" }
    var noHint: String { ko ? "이 단계에는 힌트가 없습니다." : "This step has no hint." }
    var runFirst: String { ko ? "먼저 Enter로 단계를 실행하세요." : "Run the step first (Enter)." }
    var exerciseLabel: String { ko ? "연습 문제" : "exercise" }
    var hintLabel: String { ko ? "힌트" : "hint" }
    var stepLabel: String { ko ? "단계" : "step" }
    var needsRootLabel: String { ko ? "root 필요" : "needs root" }
    var quizLabel: String { ko ? "퀴즈" : "quiz" }
    var answerLabel: String { ko ? "정답" : "answer" }
    var right: String { ko ? "맞았습니다!" : "Right!" }
    var passed: String { ko ? "통과" : "passed" }
    var failed: String { ko ? "아직 아님" : "not yet" }
    var finished: String { ko ? "수업을 마쳤습니다. 만든 것은 모두 정리했습니다." : "Lesson finished. Everything it created has been cleaned up." }
    var resetDone: String { ko ? "수업을 처음으로 되돌리고, 만든 것을 정리했습니다." : "Lesson reset, and everything it created cleaned up." }
    func transcriptSummary(steps: Int, failed: Int) -> String {
        ko ? "\(steps)개 단계, 실패 \(failed)개" : "\(steps) steps, \(failed) failed"
    }
}
