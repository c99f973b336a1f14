/// An exercise step: the learner types the command; the step's block is only the solution.
/// This is the one place the player runs an exercise.
extension LessonSession {
    /// Asks for the learner's command and runs it in the step's place; nil when they typed nothing.
    func runExercise(_ step: Step) -> StepOutcome? {
        guard let typed = terminal.line(prompt: style.bold(text.exercisePrompt)), !typed.trimmingSpaces.isEmpty else {
            return nil
        }
        terminal.lines([""])
        return executor.run(step, code: typed)
    }
}
