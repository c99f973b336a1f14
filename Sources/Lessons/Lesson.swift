/// One lesson in one language: its front matter and its pages, in reading order.
///
/// A lesson is a Markdown file; it becomes a list of pages, each some prose followed by at most
/// one thing to do — a runnable step or a quiz — so the player can move page by page.
public struct Lesson: Sendable {
    /// The file's name without `.md`, e.g. `01-what-is-a-container`; the same in every language.
    public var slug: String
    /// The language directory it came from, e.g. `en` or `ko`.
    public var language: String
    /// Where it was read from.
    public var path: String
    public var front: FrontMatter
    public var pages: [Page]
    /// Problems found while reading (unknown attributes, malformed quizzes); `lessons lint` reports them.
    public var diagnostics: [Diagnostic]
    /// Every link in the prose, for `lessons lint`.
    public var links: [Link] = []
    /// The Markdown after the front matter, for renderers that read it again (`LessonHTML`).
    public var markdown: String = ""
    /// How many lines of the file come before `markdown` (the front matter's).
    public var markdownLineOffset: Int = 0
    /// What each top-level block of `markdown` became, in order, so it can be read again the same way.
    var blockRoles: [BlockRole] = []

    /// The lesson's number, from the digits its slug starts with (0 if none).
    public var number: Int { Int(slug.prefix { $0.isNumber }) ?? 0 }

    /// Every runnable step, in order.
    public var steps: [Step] { pages.compactMap(\.step) }

    /// Every quiz, in order.
    public var quizzes: [Quiz] { pages.compactMap(\.quiz) }
}

/// What one top-level Markdown block of a lesson became: prose, or a part of a page's step or quiz.
enum BlockRole: Sendable, Equatable {
    case prose
    /// The fenced block of the step on page `page`.
    case step(page: Int)
    /// A `Hint:` blockquote of that step.
    case hint(page: Int)
    /// The ```` ```check ```` block of that (exercise) step.
    case checks(page: Int)
    /// The paragraph asking the quiz's question.
    case quizQuestion(page: Int)
    /// The list of `[ ]`/`[x]` choices.
    case quizChoices(page: Int)
    /// The blockquote shown once the quiz is answered.
    case quizExplanation(page: Int)
}

/// A screenful of a lesson: prose, then optionally one step or one quiz.
public struct Page: Sendable {
    public var prose: [ProseBlock]
    public var activity: Activity?

    public var step: Step? {
        if case let .step(step)? = activity { return step }
        return nil
    }

    public var quiz: Quiz? {
        if case let .quiz(quiz)? = activity { return quiz }
        return nil
    }
}

/// What a page asks of the learner.
public enum Activity: Sendable {
    case step(Step)
    case quiz(Quiz)
}

/// The lines between `---` fences at the top of a lesson: `title`, `summary`, `root`, `cleanup`.
public struct FrontMatter: Sendable, Equatable {
    public var title: String = ""
    public var summary: String = ""
    /// `required` when the lesson only means something as root, `optional` (the default) otherwise.
    public var root: String = "optional"
    /// A shell command run when the lesson is reset or finished, for what its `sh` steps made.
    public var cleanup: String?
    /// The part of the course this lesson opens (`part: Images`); the lessons after it belong to
    /// it until the next lesson that names one. The lesson list groups by it.
    public var part: String?
    /// Keys the front matter had that Dockyard does not know.
    public var unknownKeys: [String] = []
}

/// A problem in a lesson file, with the line it is on.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
