/// Lesson prose, kept apart from libcmark so the document can be freed once it is read:
/// the CommonMark block structure the terminal renderer knows how to draw.
public indirect enum ProseBlock: Sendable, Equatable {
    case heading(level: Int, [Span])
    case paragraph([Span])
    case list(ordered: Bool, start: Int, items: [[ProseBlock]])
    case quote([ProseBlock])
    /// A fenced or indented block that is not a step: shown, never run.
    case code(language: String, text: String)
    case rule
}

/// Inline text: CommonMark's emphasis, code spans and links, flattened to runs.
public enum Span: Sendable, Equatable {
    case text(String)
    case emphasis(String)
    case strong(String)
    case code(String)
    case link(text: String, url: String)
    case lineBreak

    /// The characters the learner reads, without styling.
    public var plain: String {
        switch self {
        case let .text(s), let .emphasis(s), let .strong(s), let .code(s): s
        case let .link(text, _): text
        case .lineBreak: "\n"
        }
    }
}

extension Array where Element == Span {
    /// All spans as plain text.
    public var plain: String { map(\.plain).joined() }
}
