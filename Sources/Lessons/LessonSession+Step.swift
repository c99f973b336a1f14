/// A step on a page: run (again), judged, hinted, checked again, and all its kernel objects.
extension LessonSession {
    /// Runs the page's step. A step that names a container removes it first, so running it a
    /// second time starts afresh instead of failing with "name already in use".
    func run(_ step: Step) {
        let outcome: StepOutcome
        if step.isExercise {
            guard let tried = runExercise(step) else { footer(); return }
            judge(tried, step, then: exercises.afterTry(step, tried))
            return
        } else {
            LessonCleanup.removeContainers(namedBy: step, context: context)
            terminal.lines([""])
            outcome = executor.run(step)
        }
        judge(outcome, step)
    }

    /// Shows what the step did and what its checks say (then `then`: an exercise's verdict and,
    /// after two failed tries, its solution), and remembers a pass.
    func judge(_ outcome: StepOutcome, _ step: Step, then: [String] = []) {
        terminal.lines(setup.outcomes.outcomeLines(outcome, step: step) + then)
        if outcome.passed, !entry.passed.contains(step.id) { entry.passed.append(step.id) }
        if !outcome.passed, Self.leftoverInTheWay(outcome) {
            terminal.lines([style.warn(text.leftoverOffersReset)])
        }
        lastOutcome = outcome
        save()
        footer()
    }

    /// Whether a run failed on something an earlier run made (Docker's words for a name or an
    /// object that exists already).
    static func leftoverInTheWay(_ outcome: StepOutcome) -> Bool {
        outcome.runs.contains { run in
            run.output.status != 0 && (run.messages.contains("already in use") || run.messages.contains("already exists"))
        }
    }

    /// The step's next hint, as the lesson wrote it.
    func hint() {
        guard let step = page.step, !step.hints.isEmpty else {
            terminal.lines([style.dim(text.noHint)])
            return
        }
        let hint = step.hints[min(hintsShown, step.hints.count - 1)]
        hintsShown += 1
        terminal.lines([""] + setup.prose.lines([.quote(hint)]))
    }

    /// The checks read again from the last run's output (after the learner fixed something by hand).
    func checkAgain() {
        guard let step = page.step else { terminal.lines([style.dim(text.readOn)]); return }
        guard let outcome = lastOutcome else { terminal.lines([style.dim(text.runFirst)]); return }
        let checks = step.isExercise ? exercises.recheck(step, outcome) : executor.judge(step, outcome.runs)
        judge(StepOutcome(runs: [], checks: checks), step)
        lastOutcome = StepOutcome(runs: outcome.runs, checks: checks)   // a later `c` reads the same run
    }

    /// `m`: every kernel object the last run made, wrapped, the ones the text points at marked.
    func allEvents() {
        guard let step = page.step, let outcome = lastOutcome, outcome.runs.contains(where: { !$0.events.isEmpty }) else {
            terminal.lines([style.dim(text.noEventsYet)])
            return
        }
        terminal.lines([""] + setup.outcomes.allEventLines(outcome, step: step))
        footer()
    }
}
