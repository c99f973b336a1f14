/// A quiz on a page: a wrong pick says why it is wrong and leaves a second try; the second
/// wrong pick, or a right one, shows the answer and the explanation. Each result is saved with
/// the lesson's progress.
extension LessonSession {
    /// Whether the quiz is done: answered right or twice on this visit, or answered on an earlier one.
    func quizAnswered(_ quiz: Quiz) -> Bool {
        if quizTries.isEmpty { return entry.quizzes[quiz.id] != nil }
        return quizTries.count >= 2 || quizTries.contains { quiz.choices[$0 - 1].correct }
    }

    func answer(_ choice: Int) {
        guard let quiz = page.quiz, choice <= quiz.choices.count else { return }
        if !quizTries.isEmpty && quizAnswered(quiz) {
            terminal.lines([style.dim(text.alreadyAnswered)])
            return
        }
        quizTries.append(choice)
        let picked = quiz.choices[choice - 1]
        entry.quizzes[quiz.id] = Progress.QuizResult(tries: quizTries, right: picked.correct)
        var lines = [""]
        if picked.correct {
            lines.append(style.good("✓ " + text.right))
            lines += setup.prose.lines(quiz.explanation)
        } else if quizTries.count < 2 {
            lines.append(style.bad("✗ " + text.notThisOne))
            lines += setup.prose.lines(picked.why)
            lines.append(style.dim(text.tryAgain))
        } else {
            lines.append(style.bad("✗ " + text.theAnswer(quiz.answers)))
            lines += setup.prose.lines(picked.why)
            if !picked.why.isEmpty { lines.append("") }
            lines += setup.prose.lines(quiz.explanation)
        }
        terminal.lines(lines)
        save()
        footer()
    }
}
