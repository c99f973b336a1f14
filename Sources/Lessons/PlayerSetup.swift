import FoundationEssentials

/// Everything a player needs, decided once from the command line and the environment.
public struct PlayerSetup: Sendable {
    public var catalog: LessonCatalog
    public var language: String
    public var dockyard: String
    public var environment: [String: String]
    /// Root, rootless or simulation: how steps reach the kernel.
    public var mode: LearnerMode
    /// The recorded real runs of a lesson's steps, shown for the steps this learner cannot run.
    public var recordedSteps: RecordedSteps
    public var style: TerminalStyle
    public var width: Int
    /// The terminal's rows: the lesson list fits in them.
    public var height: Int
    public var progress: ProgressStore

    public init(catalog: LessonCatalog, language: String, dockyard: String, environment: [String: String],
                mode: LearnerMode, recordedSteps: @escaping RecordedSteps = { _, _ in [:] },
                style: TerminalStyle, width: Int, height: Int = 24, progress: ProgressStore) {
        self.catalog = catalog
        self.language = language
        self.dockyard = dockyard
        self.environment = environment
        self.mode = mode
        self.recordedSteps = recordedSteps
        self.style = style
        self.width = width
        self.height = height
        self.progress = progress
    }

    public var text: UIText { UIText(language: language) }
    var prose: ProseRenderer { ProseRenderer(width: width, style: style) }
    var outcomes: OutcomeRenderer { OutcomeRenderer(style: style, text: text, width: width) }

    /// The lesson in the learner's language, or in English when it has no translation yet.
    public func lesson(_ slug: String) -> Lesson? {
        catalog.load(slug: slug, language: language) ?? catalog.load(slug: slug, language: "en")
    }

    /// The context a lesson's steps run in, with its scratch directory made.
    func context(for lesson: Lesson) -> StepContext {
        let work = progress.workDirectory(for: lesson.slug)
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        return StepContext(dockyard: dockyard, workDirectory: work, environment: environment, mode: mode,
                           recordings: recordedSteps(lesson.slug, lesson.language))
    }

    /// The warning said once before the first page, when the learner is not root.
    var modeBannerLines: [String] {
        text.modeBanner(mode).map { DisplayWidth.wrap($0, width: width, first: "⚠ ", rest: "  ").map(style.warn) } ?? []
    }

    /// The lesson's heading lines: title and summary.
    func titleLines(_ lesson: Lesson) -> [String] {
        let title = "\(lesson.number). \(lesson.front.title)"
        return [style.heading(title), style.dim(String(repeating: "═", count: min(width, DisplayWidth.of(title))))]
            + prose.wrap([.emphasis(lesson.front.summary)], first: "", rest: "")
    }

    /// One page's prose (links listed after it) and, for a step, its code block. The title is
    /// the heading's job (`titleLines`): the page's rule says only where the learner is, and
    /// the first page drops the Markdown's own `#` title, which repeats it.
    func pageLines(_ lesson: Lesson, _ index: Int) -> [String] {
        let page = lesson.pages[index]
        var lines = [style.dim("── \(text.page(index + 1, lesson.pages.count)) ──"), ""]
        var blocks = page.prose
        if index == 0, case .heading(level: 1, _)? = blocks.first { blocks.removeFirst() }
        lines += prose.lines(blocks)
        switch page.activity {
        case let .step(step)?:
            if !page.prose.isEmpty { lines.append("") }
            lines += outcomes.stepLines(step)
        case let .quiz(quiz)?:
            if !page.prose.isEmpty { lines.append("") }
            lines += outcomes.quizLines(quiz, prose: prose)
        case nil:
            break
        }
        return lines
    }
}
