/// Reads a lesson file's Markdown into a `Lesson`: front matter, then pages cut at each step and
/// quiz. Hints and quiz explanations are the blockquotes right after their step or quiz.
public enum LessonParser {
    /// What a blockquote starts with to be a hint for the step above it.
    static let hintPrefixes = ["Hint:", "힌트:"]
    /// The languages a step may be written in.
    public static let stepLanguages: Set<String> = ["sh", "dockyard"]

    public static func parse(_ text: String, slug: String, language: String, path: String) -> Lesson {
        let (front, body, offset) = FrontMatter.split(text)
        var state = State(path: path, lineOffset: offset)
        if let document = MarkdownDocument(body) {
            for node in document.node.children { state.add(node) }
        } else {
            state.diagnostics.append(Diagnostic(path: path, line: 1, message: MarkdownDocument.loadError ?? "libcmark could not parse the file"))
        }
        state.finish()
        if front.title.isEmpty {
            state.diagnostics.append(Diagnostic(path: path, line: 1, message: "the front matter has no title"))
        }
        for key in front.unknownKeys {
            state.diagnostics.append(Diagnostic(path: path, line: 1, message: "unknown front matter key \"\(key)\""))
        }
        return Lesson(slug: slug, language: language, path: path, front: front, pages: state.pages,
                      diagnostics: state.diagnostics, links: state.links, markdown: body, markdownLineOffset: offset, blockRoles: state.roles)
    }

    /// The walk over the document's top-level blocks.
    private struct State {
        let path: String
        let lineOffset: Int
        var pages: [Page] = []
        var prose: [ProseBlock] = []
        var diagnostics: [Diagnostic] = []
        var links: [Link] = []
        /// What each top-level block became, in document order.
        var roles: [BlockRole] = []

        init(path: String, lineOffset: Int) {
            self.path = path
            self.lineOffset = lineOffset
        }

        mutating func report(_ node: MarkdownNode, _ message: String) {
            diagnostics.append(Diagnostic(path: path, line: node.startLine + lineOffset, message: message))
        }

        mutating func add(_ node: MarkdownNode) {
            switch node.kind {
            case .codeBlock where node.fenceInfo.trimmingSpaces == "check":
                addChecks(node)
            case .codeBlock:
                if let step = step(from: node) {
                    roles.append(.step(page: pages.count))
                    pages.append(Page(prose: prose, activity: .step(step)))
                    prose = []
                } else {
                    roles.append(.prose)
                    prose.append(block(node))
                }
            case .blockQuote:
                let quoted = node.children.map { block($0) }
                if prose.isEmpty, let last = pages.indices.last, case var .step(step)? = pages[last].activity,
                   let hint = Self.strippingHintPrefix(quoted) {
                    roles.append(.hint(page: last))
                    step.hints.append(hint)
                    pages[last].activity = .step(step)
                } else if prose.isEmpty, let last = pages.indices.last, case var .quiz(quiz)? = pages[last].activity,
                          quiz.explanation.isEmpty {
                    roles.append(.quizExplanation(page: last))
                    quiz.explanation = quoted
                    pages[last].activity = .quiz(quiz)
                } else {
                    roles.append(.prose)
                    prose.append(.quote(quoted))
                }
            case .list where Self.isQuizList(node):
                guard case let .paragraph(question)? = prose.last else {
                    report(node, "a quiz list needs its question in the paragraph just before it")
                    roles.append(.prose)
                    prose.append(block(node))
                    return
                }
                prose.removeLast()
                // The question was the block just before the list, taken as prose until now.
                roles[roles.count - 1] = .quizQuestion(page: pages.count)
                roles.append(.quizChoices(page: pages.count))
                let choices = node.children.map { item in
                    let spans = item.children.first.map { spansOf($0) } ?? []
                    let text = spans.plain.trimmingSpaces
                    let why = item.children.dropFirst().filter { $0.kind == .blockQuote }
                        .flatMap { quote in quote.children.map { block($0) } }
                    return Quiz.Choice(text: Self.droppingCheckbox(spans), correct: text.hasPrefix("[x]") || text.hasPrefix("[X]"), why: why)
                }
                var quiz = Quiz(question: [.paragraph(question)], choices: choices, explanation: [], line: node.startLine + lineOffset)
                quiz.number = pages.filter { $0.quiz != nil }.count + 1
                if !choices.contains(where: \.correct) { report(node, "a quiz needs at least one right answer marked [x]") }
                if choices.count < 2 { report(node, "a quiz needs at least two choices") }
                pages.append(Page(prose: prose, activity: .quiz(quiz)))
                prose = []
            default:
                roles.append(.prose)
                prose.append(block(node))
            }
        }

        /// A ```` ```check ```` block: the live checks of the exercise step just above it.
        mutating func addChecks(_ node: MarkdownNode) {
            guard prose.isEmpty, let last = pages.indices.last, case var .step(step)? = pages[last].activity, step.isExercise else {
                report(node, "a check block belongs right after an exercise step (its hints may come between)")
                roles.append(.prose)
                prose.append(block(node))
                return
            }
            let (checks, problems) = ExerciseCheck.parseBlock(node.literal)
            for problem in problems {
                diagnostics.append(Diagnostic(path: path, line: node.startLine + lineOffset + 1 + problem.offset,
                                              message: "step \(step.id): \(problem.message)"))
            }
            roles.append(.checks(page: last))
            step.liveChecks += checks
            pages[last].activity = .step(step)
        }

        mutating func finish() {
            if !prose.isEmpty { pages.append(Page(prose: prose, activity: nil)) }
            for page in pages {
                guard let quiz = page.quiz else { continue }
                if quiz.explanation.isEmpty {
                    diagnostics.append(Diagnostic(path: path, line: quiz.line,
                                                  message: "a quiz needs an explanation: a blockquote right after its choices"))
                }
                for choice in quiz.choices where !choice.correct && choice.why.isEmpty {
                    diagnostics.append(Diagnostic(path: path, line: quiz.line,
                                                  message: "the wrong choice \"\(choice.text.plain)\" needs a blockquote inside its item saying why it is wrong"))
                }
            }
        }

        /// The step a fenced block declares, or nil when it is an inert block.
        mutating func step(from node: MarkdownNode) -> Step? {
            let parsed: (language: String, attributes: Attributes?)
            do {
                parsed = try Attributes.parseInfo(node.fenceInfo)
            } catch {
                report(node, "bad attributes \"\(node.fenceInfo)\": \(error.message)")
                return nil
            }
            guard let attributes = parsed.attributes else { return nil }
            guard let id = attributes["step"], !id.isEmpty else {
                report(node, "a block with attributes needs step=ID (or no braces at all to stay inert)")
                return nil
            }
            if parsed.language.isEmpty {
                report(node, "step \(id) has no language: write ```sh {…} or ```dockyard {…}")
            } else if !LessonParser.stepLanguages.contains(parsed.language) {
                report(node, "step \(id) is in \"\(parsed.language)\"; steps are sh or dockyard")
            }
            for (key, _) in attributes.pairs where !Attributes.known.contains(key) {
                report(node, "step \(id): unknown attribute \"\(key)\"")
            }
            return Step(language: parsed.language, id: id, code: node.literal, attributes: attributes, hints: [],
                        line: node.startLine + lineOffset)
        }

        mutating func block(_ node: MarkdownNode) -> ProseBlock {
            switch node.kind {
            case .heading: return .heading(level: node.headingLevel, spansOf(node))
            case .paragraph: return .paragraph(spansOf(node))
            case .list:
                return .list(ordered: node.isOrderedList, start: node.listStart,
                             items: node.children.map { item in item.children.map { block($0) } })
            case .blockQuote: return .quote(node.children.map { block($0) })
            case .codeBlock:
                let info = node.fenceInfo.trimmingSpaces
                return .code(language: String(info.prefix { $0 != " " && $0 != "{" }), text: node.literal)
            case .thematicBreak: return .rule
            default: return .paragraph([.text(node.literal)])
            }
        }

        mutating func spansOf(_ node: MarkdownNode) -> [Span] {
            var spans: [Span] = []
            for child in node.children {
                switch child.kind {
                case .text: spans.append(.text(child.literal))
                case .softBreak: spans.append(.text(" "))
                case .lineBreak: spans.append(.lineBreak)
                case .code: spans.append(.code(child.literal))
                case .emphasis: spans.append(.emphasis(spansOf(child).plain))
                case .strong: spans.append(.strong(spansOf(child).plain))
                case .link:
                    links.append(Link(url: child.url, line: node.startLine + lineOffset))
                    spans.append(.link(text: spansOf(child).plain, url: child.url))
                case .image: spans.append(.text(spansOf(child).plain))
                default: spans.append(contentsOf: spansOf(child))
                }
            }
            return spans
        }

        static func isQuizList(_ node: MarkdownNode) -> Bool {
            let items = node.children
            return !items.isEmpty && items.allSatisfy { item in
                guard let first = item.children.first, first.kind == .paragraph,
                      let text = first.children.first, text.kind == .text else { return false }
                let literal = text.literal
                return literal.hasPrefix("[ ]") || literal.hasPrefix("[x]") || literal.hasPrefix("[X]")
            }
        }

        static func droppingCheckbox(_ spans: [Span]) -> [Span] {
            guard case let .text(first)? = spans.first else { return spans }
            return [.text(String(first.dropFirst(3).drop { $0 == " " }))] + spans.dropFirst()
        }

        /// The hint's blocks without their "Hint:" label, or nil when the quote is not a hint.
        static func strippingHintPrefix(_ blocks: [ProseBlock]) -> [ProseBlock]? {
            guard case let .paragraph(spans)? = blocks.first, let first = spans.first else { return nil }
            for prefix in hintPrefixes where first.plain.hasPrefix(prefix) {
                let rest = String(first.plain.dropFirst(prefix.count).drop { $0 == " " })
                var trimmed = Array(spans.dropFirst())
                if !rest.isEmpty { trimmed.insert(.text(rest), at: 0) }
                // Only the label's own space goes: "Hint: the `-m` flag" keeps the space before `-m`.
                if case let .text(t)? = trimmed.first { trimmed[0] = .text(String(t.drop { $0 == " " })) }
                return [.paragraph(trimmed)] + blocks.dropFirst()
            }
            return nil
        }
    }
}

/// A link in a lesson's prose, for the linter.
public struct Link: Sendable, Equatable {
    public var url: String
    public var line: Int
}
