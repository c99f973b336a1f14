/// The interactive player's words: its key bars, the lesson list, quizzes, reset and the end of a lesson.
extension UIText {
    /// What the keys on a page do, one item per key; `KeyBar` lays them out to the terminal's width.
    /// On an exercise Enter asks for the learner's own command, and `s` shows the solution.
    func pageKeys(_ kind: PageKind, last: Bool, exercise: Bool = false) -> [String] {
        let enter: String
        switch kind {
        case .step(passed: false) where exercise: enter = ko ? "[Enter] 직접 하기" : "[Enter] your turn"
        case .step(passed: false): enter = ko ? "[Enter] 실행" : "[Enter] run"
        case .quiz(answered: false): enter = ko ? "[1-9] 답하기" : "[1-9] answer"
        default: enter = last ? (ko ? "[Enter] 수업 마치기" : "[Enter] finish") : (ko ? "[Enter] 다음" : "[Enter] next")
        }
        var items = [enter]
        switch kind {
        case .step(passed: true): items.append(ko ? "[e] 다시 실행" : "[e] run again")
        case .step(passed: false), .quiz(answered: false): items.append(ko ? "[n] 건너뛰기" : "[n] skip")
        default: break
        }
        if exercise { items.append(ko ? "[s] 풀이" : "[s] solution") }
        items.append(ko ? "[p] 이전" : "[p] previous")
        if case .step = kind {
            items += ko ? ["[h] 힌트", "[c] 다시 확인", "[m] 커널 객체 모두"] : ["[h] hint", "[c] check again", "[m] all kernel objects"]
        }
        items += ko ? ["[r] 초기화", "[q] 목록으로"] : ["[r] reset", "[q] lesson list"]
        return items
    }

    /// A page's activity, as far as the key bar cares.
    enum PageKind: Equatable {
        case read
        case step(passed: Bool)
        case quiz(answered: Bool)
    }

    var listKeys: [String] {
        ko ? ["[↑↓] 또는 [번호] 고르기", "[Enter] 시작", "[q] 끝내기"] : ["[↑↓] or [number] choose", "[Enter] start", "[q] quit"]
    }
    /// The lesson list's note on the first unfinished lesson, and its lines for lessons out of sight.
    var nextMark: String { ko ? "← 다음" : "← next" }
    func moreAbove(_ count: Int) -> String { ko ? "↑ 위에 \(count)개 더" : "↑ \(count) more" }
    func moreBelow(_ count: Int) -> String { ko ? "↓ 아래에 \(count)개 더" : "↓ \(count) more" }

    /// After the events the page shows: how many more there are, and the key that shows them.
    func moreEvents(_ count: Int) -> String {
        ko ? "… 커널 객체 \(count)줄 더 있습니다. [m]을 누르면 모두 봅니다" : "… \(count) more kernel objects: [m] shows them all"
    }
    func moreEventsInTranscript(_ count: Int) -> String {
        ko ? "… 커널 객체 \(count)줄 더 있습니다 (--explain으로 실행하면 모두 보입니다)"
            : "… \(count) more kernel objects (run the command with --explain to see them all)"
    }
    var allEventsTitle: String { ko ? "이 단계의 커널 객체 전부" : "every kernel object of this step" }
    var noEventsYet: String { ko ? "먼저 Enter로 단계를 실행하세요. 그러면 커널 객체가 보입니다." : "Run the step first (Enter): then its kernel objects are here." }

    var simulatedAsked: String { ko ? "시뮬레이션: --simulate로 실행했으므로 아무것도 만들지 않습니다" : "simulated: you asked for --simulate, so nothing is created" }

    var readOn: String { ko ? "이 쪽에는 실행할 단계가 없습니다. Enter로 넘어가세요." : "Nothing to run on this page: press Enter to go on." }
    var answerFirst: String { ko ? "먼저 번호로 답을 고르세요." : "Pick an answer first, by its number." }

    /// A wrong pick: the first time the learner may try again.
    var notThisOne: String { ko ? "아닙니다." : "Not this one." }
    var tryAgain: String { ko ? "한 번 더 골라 보세요." : "Have another try." }
    func theAnswer(_ answers: [Int]) -> String {
        let list = answers.map(String.init).joined(separator: ", ")
        return ko ? "아닙니다. 정답은 \(list)번입니다." : "Not quite. The answer: \(list)"
    }
    var alreadyAnswered: String { ko ? "이미 답한 퀴즈입니다. Enter로 넘어가세요." : "Answered already: press Enter to go on." }

    var confirmReset: String {
        ko ? "이 수업의 진행 상황을 지우고 만든 것을 모두 정리할까요? [y/N] " : "Reset this lesson: forget its progress and remove everything it made? [y/N] "
    }
    var resetKept: String { ko ? "초기화하지 않았습니다." : "Nothing was reset." }

    /// A re-run stopped by what an earlier run left (a name in use, a network that exists).
    var leftoverOffersReset: String {
        ko ? "앞선 실행이 만든 것이 아직 남아 있습니다. [r]로 수업을 초기화하면 정리됩니다."
            : "Something an earlier run made is still there: [r] resets the lesson and removes it."
    }

    func nextLesson(_ number: Int, _ title: String) -> String {
        ko ? "다음 수업: \(number). \(title)" : "Next lesson: \(number). \(title)"
    }
    var nextLessonKeys: [String] { ko ? ["[Enter] 다음 수업 시작", "[q] 목록으로"] : ["[Enter] start it", "[q] lesson list"] }
    var courseFinished: String { ko ? "모든 수업을 마쳤습니다!" : "That was the last lesson: the course is done!" }
}
