/// `dockyard learn LESSON --auto`: every page in order, every step run and checked, every quiz
/// answered with its explanation, printed as a transcript. The way lessons are tested, and a
/// way to read one in a log. Whatever the lesson creates is cleaned up before and after.
public struct AutoPlayer {
    public var setup: PlayerSetup
    public var terminal: Terminal

    public init(setup: PlayerSetup, terminal: Terminal) {
        self.setup = setup
        self.terminal = terminal
    }

    /// Plays the lesson; returns the number of steps whose checks failed.
    public func play(_ lesson: Lesson) -> Int {
        let text = setup.text
        let context = setup.context(for: lesson)
        let executor = StepExecutor(context: context, text: text)
        LessonCleanup(lesson: lesson).run(context: context)
        _ = setup.context(for: lesson)
        terminal.lines(setup.titleLines(lesson) + [""])
        let banner = setup.modeBannerLines
        if !banner.isEmpty { terminal.lines(banner + [""]) }
        var failed = 0
        for index in lesson.pages.indices {
            terminal.lines(setup.pageLines(lesson, index) + [""])
            switch lesson.pages[index].activity {
            case let .step(step)?:
                let outcome = step.isExercise ? ExerciseRunner(executor: executor).solve(step) : executor.run(step)
                terminal.lines(setup.outcomes.outcomeLines(outcome, step: step, transcript: true) + [""])
                if !outcome.passed { failed += 1 }
            case let .quiz(quiz)?:
                let answers = quiz.answers.map(String.init).joined(separator: ", ")
                terminal.lines(["\(text.answerLabel): \(answers)"] + setup.prose.lines(quiz.explanation) + [""]
                               + setup.outcomes.whyWrongLines(quiz, prose: setup.prose))
            case nil:
                break
            }
        }
        LessonCleanup(lesson: lesson).run(context: context)
        let summary = text.transcriptSummary(steps: lesson.steps.count, failed: failed)
        terminal.lines([failed == 0 ? setup.style.good("✓ " + summary) : setup.style.bad("✗ " + summary)])
        return failed
    }
}
