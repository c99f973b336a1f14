/// The lesson list (`LessonList`): every lesson on one line, grouped by part, drawn to the
/// terminal's size and drawn again in place as arrows or a number move the choice. Enter starts it.
extension InteractivePlayer {
    /// The lesson the learner starts, or nil when they quit.
    func chooseLesson() -> Lesson? {
        let lessons = setup.catalog.lessons(language: setup.language)
        guard !lessons.isEmpty else { return nil }
        let list = lessonList(lessons)
        var selected = defaultChoice(lessons)
        var typed = ""
        var drawn = list.lines(selected: selected)
        terminal.lines(drawn)
        while let key = terminal.keyPress() {
            switch key {
            case .up, .left:
                selected = max(0, selected - 1)
                typed = ""
            case .down, .right:
                selected = min(lessons.count - 1, selected + 1)
                typed = ""
            case .enter:
                return lessons[selected]
            case .interrupt, .escape, .character(UInt8(ascii: "q")):
                return nil
            default:
                guard let digit = key.digit else { continue }
                // "1" then "5" is lesson 15 when there is one; otherwise the digit starts again.
                typed = lessons.contains { $0.number == Int(typed + String(digit)) } ? typed + String(digit) : String(digit)
                guard let match = lessons.firstIndex(where: { $0.number == Int(typed) }) else { typed = ""; continue }
                selected = match
            }
            let next = list.lines(selected: selected)
            terminal.redraw(next, over: drawn.count)
            drawn = next
        }
        return nil
    }

    /// The lessons with where the learner stands in each, and the part each belongs to.
    func lessonList(_ lessons: [Lesson]) -> LessonList {
        var part: String?
        let entries = lessons.map { lesson in
            part = lesson.front.part ?? part
            let entry = progress.entry(lesson.slug)
            let state: LessonList.Entry.Progress = entry.finished ? .finished
                : progress.lessons[lesson.slug] != nil ? .started(page: entry.page + 1, pages: lesson.pages.count) : .new
            return LessonList.Entry(number: lesson.number, title: lesson.front.title, summary: lesson.front.summary,
                                    part: part, progress: state)
        }
        return LessonList(entries: entries, width: setup.width, height: setup.height, text: setup.text, style: setup.style,
                          mode: setup.text.modeTag(setup.mode))
    }

    /// Where the choice starts: the lesson last opened if it is unfinished, else the first
    /// unfinished one, else the first.
    func defaultChoice(_ lessons: [Lesson]) -> Int {
        if let current = progress.current, let index = lessons.firstIndex(where: { $0.slug == current }),
           !progress.entry(current).finished {
            return index
        }
        return lessons.firstIndex { !progress.entry($0.slug).finished } ?? 0
    }
}
