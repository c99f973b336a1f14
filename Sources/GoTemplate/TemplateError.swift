/// A template that cannot be parsed, or a value it cannot be run over, in Go's own words:
/// `template: :1: function "foo" not defined`, or
/// `template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"`.
public struct TemplateError: Error, Equatable, CustomStringConvertible {
    /// When it went wrong: Docker reports both with "template parsing error: " before them, but
    /// `inspect` exits 64 for the first and 1 for the second.
    public enum Stage: Sendable, Equatable { case parsing, execution }

    public var stage: Stage
    /// Go's message, starting with "template: ".
    public var message: String
    public var description: String { message }

    static func parse(line: Int, _ reason: String) -> TemplateError {
        TemplateError(stage: .parsing, message: "template: :\(line): \(reason)")
    }

    /// An execution error at a node: its line and 0-based byte column, and its text in angle
    /// brackets, cut to 20 bytes as Go cuts it.
    static func execution(source: [UInt8], offset: Int, context: String, _ reason: String) -> TemplateError {
        let before = source.prefix(offset)
        let line = 1 + before.filter { $0 == 0x0A }.count
        let column = before.lastIndex(of: 0x0A).map { offset - $0 - 1 } ?? offset
        let shown = context.utf8.count > 20 ? String(decoding: context.utf8.prefix(20), as: UTF8.self) + "..." : context
        return TemplateError(stage: .execution,
                             message: "template: :\(line):\(column): executing \"\" at <\(shown)>: \(reason)")
    }
}
