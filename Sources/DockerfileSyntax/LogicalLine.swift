/// One instruction's text once continuation lines are joined, with a map back to the physical
/// lines so an error in the joined text can still point at the right line and column.
struct LogicalLine {
    /// Where a run of joined text came from.
    struct Segment {
        var offset: Int
        var line: Int
        var column: Int
    }

    var scalars: [Unicode.Scalar]
    var startLine: Int
    var endLine: Int
    var segments: [Segment]

    var text: String { String(scalars: scalars) }

    /// The physical place of the scalar at `offset` (or just past the end).
    func location(at offset: Int) -> SourceLocation {
        var chosen = segments[0]
        for segment in segments where segment.offset <= offset {
            chosen = segment
        }
        return SourceLocation(line: chosen.line, column: chosen.column + max(0, offset - chosen.offset))
    }
}

/// Walks the physical lines the way Docker does: parser directives first, then comments and blank
/// lines skipped, continuation lines joined (comment and blank lines inside a continuation are
/// dropped), and heredoc bodies read on request after the instruction that opens them.
struct LineReader {
    let source: SourceFile
    private(set) var next = 0
    private(set) var directiveScanner = DirectiveScanner()

    init(source: SourceFile) { self.source = source }

    var escape: Unicode.Scalar { directiveScanner.directives.escape }
    var linesRead: Int { next }

    mutating func nextLogicalLine() throws(DockerfileError) -> LogicalLine? {
        while next < source.lines.count {
            let physical = source.lines[next]
            next += 1
            var start = 0
            while start < physical.scalars.count, physical.scalars[start].isGoSpace { start += 1 }
            let token = physical.scalars[start...]
            if try directiveScanner.scan(token, lineNumber: physical.number, column: start + 1) { continue }
            if token.first == "#" { continue }
            var (text, endOfLine) = trimContinuation(token)
            if endOfLine && text.isEmpty { continue }

            var line = LogicalLine(scalars: Array(text), startLine: physical.number, endLine: physical.number,
                                   segments: [.init(offset: 0, line: physical.number, column: start + 1)])
            while !endOfLine && next < source.lines.count {
                let continuation = source.lines[next]
                next += 1
                line.endLine = continuation.number
                let trimmed = continuation.scalars.drop(while: { $0.isGoSpace })
                if trimmed.first == "#" || trimmed.isEmpty { continue }
                let joined: ArraySlice<Unicode.Scalar>
                (joined, endOfLine) = trimContinuation(continuation.scalars[...])
                line.segments.append(.init(offset: line.scalars.count, line: continuation.number, column: 1))
                line.scalars.append(contentsOf: joined)
            }
            return line
        }
        return nil
    }

    /// Reads a heredoc body up to its terminator line. Returns nil if the file ends first.
    mutating func readHeredocBody(terminator: [Unicode.Scalar], chomp: Bool) -> (content: String, endLine: Int)? {
        var content = [Unicode.Scalar]()
        while next < source.lines.count {
            let physical = source.lines[next]
            next += 1
            var candidate = physical.scalars[...]
            if chomp { candidate = candidate.drop(while: { $0 == "\t" }) }
            if candidate.elementsEqual(terminator) { return (String(scalars: content), physical.number) }
            content.append(contentsOf: chomp ? candidate : physical.scalars[...])
            content.append("\n")
        }
        return nil
    }

    /// An escape character at the end of a line (optionally followed by blanks) continues the line,
    /// unless it is itself escaped (`\\` at the end is a literal backslash).
    private func trimContinuation(_ token: ArraySlice<Unicode.Scalar>) -> (ArraySlice<Unicode.Scalar>, Bool) {
        var end = token.endIndex
        while end > token.startIndex, token[end - 1] == " " || token[end - 1] == "\t" { end -= 1 }
        guard end > token.startIndex, token[end - 1] == escape else { return (token, true) }
        let escapeIndex = end - 1
        if escapeIndex > token.startIndex && token[escapeIndex - 1] == escape { return (token, true) }
        return (token[token.startIndex..<escapeIndex], false)
    }
}
