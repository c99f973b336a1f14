/// A lesson as one HTML fragment for the course site, written by libcmark's own HTML renderer in
/// its safe mode: raw HTML in a lesson is left out and dangerous link schemes are emptied.
///
/// The lesson's Markdown is parsed again and read the way `LessonParser` read it (its block
/// roles say which top-level block became what). Prose stays in libcmark's tree; each step and
/// quiz is swapped for a CommonMark custom block holding the HTML the caller's `widget` makes,
/// so Dockyard's widgets sit in the document without libcmark ever being asked to trust HTML.
public struct LessonHTML {
    /// A step or quiz as handed to the caller, its own prose already rendered by libcmark.
    public enum Activity {
        /// A runnable step and the HTML of each of its hints (without the `Hint:` label).
        case step(Step, hints: [String])
        /// A quiz: the question, each choice's inline HTML (without its `[ ]`), the explanation.
        case quiz(Quiz, question: String, choices: [String], explanation: String)
    }

    /// How many levels headings move down (1 turns the lesson's `#` into `<h2>` under the page's title).
    public var headingOffset = 0
    /// A link's address as the page should have it (e.g. `02-namespaces.md` to `02-namespaces.html`).
    public var linkTarget: (String) -> String = { $0 }

    public init(headingOffset: Int = 0, linkTarget: @escaping (String) -> String = { $0 }) {
        self.headingOffset = headingOffset
        self.linkTarget = linkTarget
    }

    /// The lesson's HTML, with `widget(activity, pageIndex)` in place of each step and quiz.
    public func render(_ lesson: Lesson, widget: (Activity, Int) -> String) -> String {
        guard let document = MarkdownDocument(lesson.markdown) else { return "" }
        for node in document.node.descendants {
            switch node.kind {
            case .link, .image: node.setURL(linkTarget(node.url))
            case .heading: node.setHeadingLevel(min(6, node.headingLevel + headingOffset))
            default: break
            }
        }
        let blocks = document.node.children
        guard blocks.count == lesson.blockRoles.count else { return document.html }
        let roles = lesson.blockRoles
        for (index, (block, role)) in zip(blocks, roles).enumerated() {
            switch role {
            case let .step(page):
                guard let step = lesson.pages[page].step else { continue }
                let after: [(MarkdownNode, BlockRole)] = zip(blocks, roles).dropFirst(index + 1).prefix { _, role in
                    role == .hint(page: page) || role == .checks(page: page)
                }
                let hints = after.filter { $0.1 == .hint(page: page) }
                    .map { quote, _ in Self.contentHTML(quote, droppingLabel: LessonParser.hintPrefixes) }
                block.insertCustomBlock(before: widget(.step(step, hints: hints), page))
            case let .quizChoices(page):
                guard let quiz = lesson.pages[page].quiz, index > 0 else { continue }
                let question = blocks[index - 1].html
                let explanation = zip(blocks, roles).dropFirst(index + 1).first { $0.1 == .quizExplanation(page: page) }
                    .map { quote, _ in Self.contentHTML(quote, droppingLabel: []) } ?? ""
                let choices = block.children.map { item in
                    guard let paragraph = item.children.first else { return "" }
                    Self.dropLabel(in: paragraph, labels: ["[ ]", "[x]", "[X]"])
                    return paragraph.children.map(\.html).joined()
                }
                block.insertCustomBlock(before: widget(.quiz(quiz, question: question, choices: choices, explanation: explanation), page))
            case .prose, .hint, .checks, .quizQuestion, .quizExplanation:
                continue
            }
        }
        // Everything a widget now shows is taken out of the prose.
        for (block, role) in zip(blocks, roles) where role != .prose {
            block.remove()
        }
        return document.html
    }

    /// A blockquote's blocks as HTML, without the quote around them and without a leading label.
    static func contentHTML(_ quote: MarkdownNode, droppingLabel labels: [String]) -> String {
        let blocks = quote.children
        if let first = blocks.first, first.kind == .paragraph { dropLabel(in: first, labels: labels) }
        return blocks.map(\.html).joined()
    }

    /// Removes a label such as `Hint:` or `[x]` from the start of a paragraph, whether it is plain
    /// text (`Hint: look…`) or emphasised on its own (`**Hint:** look…`).
    static func dropLabel(in paragraph: MarkdownNode, labels: [String]) {
        guard let first = paragraph.children.first else { return }
        if first.kind == .text {
            let text = first.literal
            guard let label = labels.first(where: { text.hasPrefix($0) }) else { return }
            first.setLiteral(String(text.dropFirst(label.count).drop { $0 == " " }))
        } else if first.kind == .strong || first.kind == .emphasis,
                  labels.contains(first.children.map(\.literal).joined().trimmingSpaces) {
            let next = paragraph.children.dropFirst().first
            first.remove()
            if let next, next.kind == .text { next.setLiteral(String(next.literal.drop { $0 == " " })) }
        }
    }
}
