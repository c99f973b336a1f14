import DockerfileSyntax

/// A build that cannot go on: the instruction (with its place in the Dockerfile) and why.
/// Rendered like the parser's errors, `FILE:LINE:COLUMN: error: MESSAGE`, so a learner sees
/// exactly which line failed.
public struct BuildError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var line: Int?
    /// The column the message points at; 1 (the instruction's start) when only the line is known.
    public var column: Int?
    public var fileName: String?
    /// The parser's own rendering (message, offending line and caret), for Dockerfile errors.
    public var rendered: String?

    public init(_ message: String, line: Int? = nil, fileName: String? = nil) {
        self.message = message
        self.line = line
        self.fileName = fileName
    }

    /// A Dockerfile the parser rejected, rendered as the parser renders it.
    public init(parseError: DockerfileError, fileName: String, source: SourceFile?) {
        self.init(parseError.description)
        rendered = parseError.rendered(fileName: fileName, source: source)
    }

    init(_ message: String, at instruction: Instruction, file: String) {
        self.init(message, line: instruction.line, fileName: file)
    }

    /// An error at an exact place, such as the `--from` flag of a COPY.
    init(_ message: String, at location: SourceLocation, file: String) {
        self.init(message, line: location.line, fileName: file)
        column = location.column
    }

    public var description: String {
        if let rendered { return rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered }
        if let line, let fileName { return "\(fileName):\(line):\(column ?? 1): error: \(message)" }
        return "error: \(message)"
    }
}
