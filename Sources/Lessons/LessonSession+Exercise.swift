/// An exercise step: the learner types the command; the step's block is only the solution.
/// This is the one place the player runs an exercise; `ExerciseSession` asks, runs and judges.
extension LessonSession {
    /// The learner's try, judged on live state; nil when they typed nothing.
    func runExercise(_ step: Step) -> StepOutcome? {
        exercises.attempt(step)
    }

    /// `s`: the solution of the page's exercise.
    func solution() {
        guard let step = page.step, step.isExercise else { return }
        terminal.lines([""] + exercises.solutionLines(step))
        footer()
    }
}
