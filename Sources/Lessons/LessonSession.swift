/// One lesson open in the player: the page shown, what the learner did on it, and the keys.
///
/// Enter does the page's next thing: runs its step, or after a pass goes on to the next page
/// (the last page finishes the lesson and offers the next one by title). `e` runs a passed step
/// again, `n` skips, `p` goes back, `s` shows an exercise's solution, `h` hints, `c` checks again, `m` shows every kernel object,
/// a digit answers a quiz, `r` resets after asking, and `q` goes back to the list.
/// Detached containers a step starts live until the lesson is finished or reset.
final class LessonSession {
    let player: InteractivePlayer
    let lesson: Lesson
    let context: StepContext
    let executor: StepExecutor
    var entry: Progress.Entry
    var index = 0
    /// The outcome of the step on this page, once run.
    var lastOutcome: StepOutcome?
    var hintsShown = 0
    /// The choices picked on this page's quiz, this visit.
    var quizTries: [Int] = []
    /// The exercises' tries, answers and hidden solutions, for this visit of the lesson.
    lazy var exercises = ExerciseSession(setup: setup, terminal: terminal, executor: executor)

    var setup: PlayerSetup { player.setup }
    var terminal: Terminal { player.terminal }
    var text: UIText { setup.text }
    var style: TerminalStyle { setup.style }
    var page: Page { lesson.pages[index] }

    init(player: InteractivePlayer, lesson: Lesson) {
        self.player = player
        self.lesson = lesson
        context = player.setup.context(for: lesson)
        executor = StepExecutor(context: context, text: player.setup.text)
        entry = player.progress.entry(lesson.slug)
    }

    func play(page requested: Int?) -> InteractivePlayer.Exit {
        if entry.finished && requested == nil { entry = Progress.Entry() }
        guard !lesson.pages.isEmpty else { return .list }
        index = min(max(0, requested ?? entry.page), lesson.pages.count - 1)
        show()
        while let key = terminal.keyPress() {
            switch key {
            case .enter:
                if let exit = enter() { return exit }
            case .character(UInt8(ascii: "n")), .character(UInt8(ascii: " ")), .right:
                if let exit = advance() { return exit }
            case .character(UInt8(ascii: "p")), .left:
                if index > 0 { index -= 1; show() }
            case .character(UInt8(ascii: "e")):
                if let step = page.step { run(step) }
            case .character(UInt8(ascii: "h")):
                hint()
            case .character(UInt8(ascii: "c")):
                checkAgain()
            case .character(UInt8(ascii: "m")):
                allEvents()
            case .character(UInt8(ascii: "s")):
                solution()
            case .character(UInt8(ascii: "r")):
                askReset()
            case .character(UInt8(ascii: "q")), .character(UInt8(ascii: "l")), .escape:
                save()
                return .list
            case .interrupt:
                save()
                return .quit
            default:
                if let digit = key.digit, digit > 0 { answer(digit) }
            }
        }
        save()
        return .quit
    }

    /// Enter: run the step until it passes, insist on an answer to the quiz, else go on.
    func enter() -> InteractivePlayer.Exit? {
        switch kind {
        case .step(passed: false):
            if let step = page.step { run(step) }
            return nil
        case .quiz(answered: false):
            terminal.lines([style.dim(text.answerFirst)])
            return nil
        default:
            return advance()
        }
    }

    /// What the page asks, and whether the learner has done it (a step: on this visit, so Enter
    /// on a page come back to shows the run again rather than skipping it).
    var kind: UIText.PageKind {
        switch page.activity {
        case .step?: .step(passed: lastOutcome?.passed ?? false)
        case let .quiz(quiz)?: .quiz(answered: quizAnswered(quiz))
        case nil: .read
        }
    }

    func show() {
        lastOutcome = nil
        hintsShown = 0
        quizTries = []
        terminal.lines([""] + (index == 0 ? setup.titleLines(lesson) + [""] : []) + setup.pageLines(lesson, index))
        footer()
        save()
    }

    /// The key bar, and on the last page the lesson that comes next.
    func footer() {
        let last = index == lesson.pages.count - 1
        var lines = [""]
        if last, let next = player.lesson(after: lesson) {
            lines.append(style.dim(text.nextLesson(next.number, next.front.title)))
        }
        terminal.lines(lines + player.keyBar(text.pageKeys(kind, last: last, exercise: page.step?.isExercise ?? false)))
    }

    func save() {
        entry.page = index
        player.progress.current = lesson.slug
        player.progress.lessons[lesson.slug] = entry
        setup.progress.save(player.progress)
    }

    /// The next page, or the end of the lesson after the last one.
    func advance() -> InteractivePlayer.Exit? {
        guard index + 1 < lesson.pages.count else { return finish() }
        index += 1
        show()
        return nil
    }
}
