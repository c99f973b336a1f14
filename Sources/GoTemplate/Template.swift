/// A parsed Go `text/template`, as Docker's `--format` takes it: parse once, then execute over
/// each value (each container of `ps`, each object of `inspect`).
///
///     let template = try Template("{{.Name}}: {{if .State.Running}}up{{else}}down{{end}}")
///     let line = try template.execute(value)
public struct Template: Sendable {
    public let source: String
    let nodes: [Node]
    private let bytes: [UInt8]

    public init(_ source: String) throws(TemplateError) {
        self.source = source
        bytes = Array(source.utf8)
        let tokens = try Lexer.tokens(of: bytes)
        var parser = Parser(tokens: tokens, source: bytes, functions: Builtins.names)
        nodes = try parser.parse()
    }

    /// The text the template writes for `value` (which is both dot and `$`).
    public func execute(_ value: TemplateValue, missingKey: MissingKey = .noValue) throws(TemplateError) -> String {
        var evaluator = Evaluator(source: bytes, root: value, missingKey: missingKey)
        try evaluator.run(nodes, dot: value)
        return evaluator.output
    }

    /// A table's header: the template over the column names with Docker's header functions;
    /// what was written before an error is kept, as Docker keeps it.
    func executeForHeader(_ header: TemplateValue) -> String {
        var evaluator = Evaluator(source: bytes, root: header, missingKey: .noValue)
        evaluator.isHeader = true
        try? evaluator.run(nodes, dot: header)
        return evaluator.output
    }
}

