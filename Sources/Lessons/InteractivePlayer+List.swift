/// The lesson list: every lesson with its summary and where the learner stands, then one line
/// that shows the chosen lesson and moves as arrows or a number are pressed. Enter starts it.
extension InteractivePlayer {
    /// The lesson the learner starts, or nil when they quit.
    func chooseLesson() -> Lesson? {
        let lessons = setup.catalog.lessons(language: setup.language)
        guard !lessons.isEmpty else { return nil }
        terminal.lines(listLines(lessons) + [""] + keyBar(setup.text.listKeys) + [""])
        var selected = defaultChoice(lessons)
        var typed = ""
        showChoice(lessons[selected])
        while let key = terminal.keyPress() {
            switch key {
            case .up, .left:
                selected = max(0, selected - 1)
                typed = ""
            case .down, .right:
                selected = min(lessons.count - 1, selected + 1)
                typed = ""
            case .enter:
                terminal.write("\n")
                return lessons[selected]
            case .interrupt, .escape, .character(UInt8(ascii: "q")):
                terminal.write("\n")
                return nil
            default:
                guard let digit = key.digit else { continue }
                // "1" then "5" is lesson 15 when there is one; otherwise the digit starts again.
                typed = lessons.contains { $0.number == Int(typed + String(digit)) } ? typed + String(digit) : String(digit)
                guard let match = lessons.firstIndex(where: { $0.number == Int(typed) }) else { typed = ""; continue }
                selected = match
            }
            showChoice(lessons[selected])
        }
        return nil
    }

    /// The list itself: a mark (✓ finished, ▸ started), the number and title, the page reached,
    /// and the summary under it, each cut or wrapped to the terminal's width.
    func listLines(_ lessons: [Lesson]) -> [String] {
        let style = setup.style
        var lines = ["", style.heading(setup.text.lessonsTitle), ""]
        for lesson in lessons {
            let entry = progress.entry(lesson.slug)
            let started = progress.lessons[lesson.slug] != nil
            let mark = entry.finished ? style.good("✓") : (started ? style.warn("▸") : " ")
            let place = !entry.finished && started ? "  (" + setup.text.page(entry.page + 1, lesson.pages.count) + ")" : ""
            let title = DisplayWidth.truncate("\(String(lesson.number).leftPadded(2)). \(lesson.front.title)",
                                              to: setup.width - 3 - DisplayWidth.of(place))
            lines.append(" \(mark) \(title)" + style.dim(place))
            lines += DisplayWidth.wrap(lesson.front.summary, width: setup.width, first: "       ", rest: "       ").map(style.dim)
        }
        return lines
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

    func showChoice(_ lesson: Lesson) {
        let line = setup.text.selected(lesson.number, lesson.front.title)
        terminal.replaceLine(setup.style.bold(DisplayWidth.truncate(line, to: setup.width - 1)))
    }
}
