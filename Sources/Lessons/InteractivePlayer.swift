/// `dockyard learn`: the lesson list, then a lesson page by page, driven by single keys —
/// Enter runs the step, n/p move, h shows a hint, c checks again, s shows an exercise's solution,
/// l lists, r resets, q quits.
/// Progress is saved on every move, so the next `dockyard learn` resumes where the learner was.
public final class InteractivePlayer {
    let setup: PlayerSetup
    let terminal: Terminal
    var progress: Progress

    public init(setup: PlayerSetup, terminal: Terminal) {
        self.setup = setup
        self.terminal = terminal
        self.progress = setup.progress.load()
    }

    /// What ended a lesson.
    enum Exit { case list, quit }

    /// Shows the list and plays the chosen lessons until the learner quits.
    public func start(slug: String?, page: Int?) {
        defer { terminal.cookedMode() }
        terminal.lines(setup.modeBannerLines)
        if let slug, let lesson = setup.lesson(slug) {
            if play(lesson, page: page) == .quit { return }
        }
        while let chosen = chooseLesson() {
            if play(chosen, page: nil) == .quit { return }
        }
    }

    /// The list with progress; nil when the learner quits.
    func chooseLesson() -> Lesson? {
        let lessons = setup.catalog.lessons(language: setup.language)
        let style = setup.style
        var lines = ["", style.heading(setup.text.lessonsTitle), ""]
        for lesson in lessons {
            let entry = progress.entry(lesson.slug)
            let mark = entry.finished ? style.good("✓") : (progress.lessons[lesson.slug] != nil ? style.warn("▸") : " ")
            let where_ = !entry.finished && progress.lessons[lesson.slug] != nil
                ? style.dim("  (" + setup.text.page(entry.page + 1, lesson.pages.count) + ")") : ""
            lines.append(" \(mark) \(String(lesson.number).leftPadded(2)). \(lesson.front.title)\(where_)")
            lines.append("       " + style.dim(lesson.front.summary))
        }
        terminal.lines(lines + [""])
        let resume = progress.current.flatMap { slug in lessons.first { $0.slug == slug } }
        while true {
            guard let answer = terminal.line(prompt: setup.text.choosePrompt(resume: resume.map { "\($0.number). \($0.front.title)" })) else {
                return nil
            }
            let trimmed = answer.trimmingSpaces
            if trimmed == "q" { return nil }
            if trimmed.isEmpty, let resume { return resume }
            if let slug = setup.catalog.resolve(trimmed, language: setup.language), let lesson = setup.lesson(slug) {
                return lesson
            }
            terminal.lines([setup.style.bad(setup.text.noSuchLesson(trimmed))])
        }
    }

    func play(_ lesson: Lesson, page requested: Int?) -> Exit {
        let text = setup.text
        let context = setup.context(for: lesson)
        let executor = StepExecutor(context: context, text: text)
        let exercises = ExerciseSession(setup: setup, terminal: terminal, executor: executor)
        var entry = progress.entry(lesson.slug)
        if entry.finished && requested == nil { entry = Progress.Entry() }
        var index = min(max(0, requested ?? entry.page), max(0, lesson.pages.count - 1))
        var lastOutcome: StepOutcome?
        var hintsShown = 0

        func save() {
            entry.page = index
            progress.current = lesson.slug
            progress.lessons[lesson.slug] = entry
            setup.progress.save(progress)
        }
        func show() {
            lastOutcome = nil
            hintsShown = 0
            terminal.lines([""] + (index == 0 ? setup.titleLines(lesson) + [""] : []) + setup.pageLines(lesson, index))
            footer()
            save()
        }
        func footer() {
            let keys = switch lesson.pages[index].activity {
            case let .step(step)?: step.isExercise ? text.exerciseKeys : text.keys
            case .quiz?: text.quizKeys
            case nil: text.readKeys
            }
            terminal.lines(["", setup.style.dim(keys)])
        }
        func judge(_ shown: StepOutcome, _ step: Step, outcome: StepOutcome? = nil) {
            terminal.lines(setup.outcomes.outcomeLines(shown, step: step))
            let outcome = outcome ?? shown
            if outcome.passed, !entry.passed.contains(step.id) { entry.passed.append(step.id) }
            lastOutcome = outcome
            save()
            footer()
        }

        guard !lesson.pages.isEmpty else { return .list }
        show()
        while let key = terminal.key() {
            let page = lesson.pages[index]
            switch key {
            case 0x0A, 0x0D:
                guard case let .step(step)? = page.activity else {
                    terminal.lines([setup.style.dim(text.noStepHere)])
                    continue
                }
                if step.isExercise {
                    guard let outcome = exercises.attempt(step) else { footer(); continue }
                    terminal.lines(setup.outcomes.outcomeLines(outcome, step: step) + exercises.afterTry(step, outcome))
                    judge(StepOutcome(runs: [], checks: []), step, outcome: outcome)
                    continue
                }
                terminal.lines([""])
                judge(executor.run(step), step)
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                guard let quiz = page.quiz else { continue }
                let choice = Int(key - UInt8(ascii: "0"))
                guard choice <= quiz.choices.count else { continue }
                let right = quiz.answers == [choice]
                terminal.lines([""] + [right ? setup.style.good("✓ " + text.right) : setup.style.bad("✗ " + text.wrong(quiz.answers))]
                               + setup.prose.lines(quiz.explanation))
                footer()
            case UInt8(ascii: "n"), UInt8(ascii: " "):
                if index + 1 < lesson.pages.count {
                    index += 1
                    show()
                } else {
                    LessonCleanup(lesson: lesson).run(context: context)
                    entry = Progress.Entry()
                    entry.finished = true
                    progress.lessons[lesson.slug] = entry
                    progress.current = nil
                    setup.progress.save(progress)
                    terminal.lines(["", setup.style.good("✓ " + text.finished)])
                    return .list
                }
            case UInt8(ascii: "s"):
                guard let step = page.step, step.isExercise else { continue }
                terminal.lines([""] + exercises.solutionLines(step))
            case UInt8(ascii: "p"):
                if index > 0 { index -= 1; show() }
            case UInt8(ascii: "h"):
                guard let step = page.step, !step.hints.isEmpty else {
                    terminal.lines([setup.style.dim(text.noHint)])
                    continue
                }
                let hint = step.hints[min(hintsShown, step.hints.count - 1)]
                hintsShown += 1
                terminal.lines([""] + setup.prose.lines([.quote(hint)]))
            case UInt8(ascii: "c"):
                guard let step = page.step else { terminal.lines([setup.style.dim(text.noStepHere)]); continue }
                guard let outcome = lastOutcome else { terminal.lines([setup.style.dim(text.runFirst)]); continue }
                let checks = step.isExercise ? exercises.recheck(step, outcome) : executor.judge(step, outcome.runs)
                judge(StepOutcome(runs: [], checks: checks), step, outcome: StepOutcome(runs: outcome.runs, checks: checks))
            case UInt8(ascii: "r"):
                LessonCleanup(lesson: lesson).run(context: context)
                _ = setup.context(for: lesson)
                entry = Progress.Entry()
                index = 0
                terminal.lines(["", setup.style.warn(text.resetDone)])
                show()
            case UInt8(ascii: "l"):
                save()
                return .list
            case UInt8(ascii: "q"), 0x03, 0x04:
                save()
                return .quit
            default:
                continue
            }
        }
        save()
        return .quit
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
