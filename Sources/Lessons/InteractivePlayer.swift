/// `dockyard learn`: the lesson list, then a lesson page by page, driven by single keys. In the
/// list: arrows or a lesson's number choose, Enter starts (first the next unfinished lesson), q
/// quits. In a lesson (`LessonSession`): Enter runs the step and, once it passed, goes on; q goes
/// back to the list. Progress is saved on every move, so the next `dockyard learn` resumes where
/// the learner was.
public final class InteractivePlayer {
    let setup: PlayerSetup
    let terminal: Terminal
    var progress: Progress

    public init(setup: PlayerSetup, terminal: Terminal) {
        self.setup = setup
        self.terminal = terminal
        self.progress = setup.progress.load()
    }

    /// What ended a lesson: back to the list, the next lesson, or quit the player.
    enum Exit {
        case list, quit
        case next(Lesson)
    }

    /// Plays the lesson asked for, if any, then the list and the lessons chosen from it until the
    /// learner quits.
    public func start(slug: String?, page: Int?) {
        defer { terminal.cookedMode() }
        terminal.lines(setup.modeBannerLines)
        var next = slug.flatMap(setup.lesson)
        var page = page
        while true {
            guard let lesson = next ?? chooseLesson() else { return }
            let exit = LessonSession(player: self, lesson: lesson).play(page: page)
            page = nil
            switch exit {
            case .quit: return
            case .list: next = nil
            case let .next(following): next = following
            }
        }
    }

    /// The lesson after `lesson` in the course, in the learner's language.
    func lesson(after lesson: Lesson) -> Lesson? {
        let slugs = setup.catalog.lessons(language: setup.language).map(\.slug)
        guard let index = slugs.firstIndex(of: lesson.slug), index + 1 < slugs.count else { return nil }
        return setup.lesson(slugs[index + 1])
    }

    /// Lines laid out to the terminal's width, dimmed: a page's key bar.
    func keyBar(_ items: [String]) -> [String] {
        KeyBar(items: items, width: setup.width).lines.map(setup.style.dim)
    }
}

extension String {
    /// The string with spaces before it up to `width` display columns.
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(self))) + self
    }
}
