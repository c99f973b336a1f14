/// The end of a lesson, and `r`: both remove what the lesson made (its named containers, images
/// and volumes, its cleanup command, its scratch directory).
extension LessonSession {
    /// After the last page: cleaned up, marked finished, and the next lesson offered by title.
    func finish() -> InteractivePlayer.Exit {
        LessonCleanup(lesson: lesson).run(context: context)
        let quizzes = entry.quizzes
        entry = Progress.Entry()
        entry.finished = true
        entry.quizzes = quizzes
        player.progress.lessons[lesson.slug] = entry
        player.progress.current = nil
        setup.progress.save(player.progress)
        terminal.lines(["", style.good("✓ " + text.finished)])
        guard let next = player.lesson(after: lesson) else {
            terminal.lines([style.good(text.courseFinished)])
            return .list
        }
        terminal.lines(["", style.bold(text.nextLesson(next.number, next.front.title))] + player.keyBar(text.nextLessonKeys))
        while let key = terminal.keyPress() {
            switch key {
            case .enter: return .next(next)
            case .interrupt: return .quit
            case .character(UInt8(ascii: "q")), .character(UInt8(ascii: "l")), .escape: return .list
            default: continue
            }
        }
        return .quit
    }

    /// `r`, once the learner said yes: the lesson from its first page, with nothing it made left.
    func askReset() {
        terminal.lines([""])
        terminal.write(style.warn(text.confirmReset))
        let key = terminal.keyPress()
        terminal.write("\n")
        guard key == .character(UInt8(ascii: "y")) || key == .character(UInt8(ascii: "Y")) else {
            terminal.lines([style.dim(text.resetKept)])
            footer()
            return
        }
        LessonCleanup(lesson: lesson).run(context: context)
        _ = setup.context(for: lesson)
        entry = Progress.Entry()
        index = 0
        terminal.lines([style.warn(text.resetDone)])
        show()
    }
}
