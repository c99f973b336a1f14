/// A parsed Dockerfile: the parser directives and the instructions in order. A Dockerfile is the
/// recipe for an image: each FROM starts a stage from a base image, and the instructions after it
/// add layers (RUN, COPY, ADD) or change the image's configuration (ENV, CMD, USER …).
public struct Dockerfile: Sendable {
    public var directives: ParserDirectives
    public var instructions: [Instruction]

    /// Parses Dockerfile text. Throws the first error, with its line and column.
    public init(parsing text: String) throws(DockerfileError) {
        try self.init(source: SourceFile(text))
    }

    /// Parses raw file bytes (a byte-order mark, CRLF endings and binary content are handled here).
    public init(bytes: [UInt8]) throws(DockerfileError) {
        try self.init(source: SourceFile(bytes: bytes))
    }

    public init(source: SourceFile) throws(DockerfileError) {
        var parser = DockerfileParser(source: source)
        try parser.run()
        self.directives = parser.directives
        self.instructions = parser.instructions
    }

    /// The build arguments declared before the first FROM; only they can be used in FROM lines.
    public var globalArguments: [Instruction] {
        Array(instructions.prefix { $0.keyword != .from })
    }

    /// The stages, each a FROM and the instructions up to the next FROM.
    public var stages: [Stage] {
        var stages: [Stage] = []
        for instruction in instructions {
            if case .from(let image, let name, let platform) = instruction.details {
                stages.append(Stage(index: stages.count, baseImage: image, name: name, platform: platform, instructions: [instruction]))
            } else if !stages.isEmpty {
                stages[stages.count - 1].instructions.append(instruction)
            }
        }
        return stages
    }
}

/// One build stage: a base image and the instructions applied to it. Later stages can copy files
/// out of earlier ones by name (`COPY --from=build`), which is how multi-stage builds keep images small.
public struct Stage: Sendable, Equatable {
    public var index: Int
    public var baseImage: String
    public var name: String?
    public var platform: String?
    /// The FROM itself first, then the stage's instructions.
    public var instructions: [Instruction]
}

/// Drives the line reader and the instruction parser over a whole file, and checks what only the
/// whole file can tell: that only ARG comes before the first FROM, that stage names are unique, and
/// that there is at least one instruction.
struct DockerfileParser {
    let source: SourceFile
    private(set) var directives = ParserDirectives()
    private(set) var instructions: [Instruction] = []

    init(source: SourceFile) {
        self.source = source
    }

    mutating func run() throws(DockerfileError) {
        var reader = LineReader(source: source)
        var stageLines: [String: Int] = [:]
        var sawFrom = false
        while let line = try reader.nextLogicalLine() {
            let parser = InstructionParser(line: line, escape: reader.escape)
            var instruction = try parser.parse(line.scalars[...])
            try readHeredocs(for: &instruction, line: line, reader: &reader)

            if !sawFrom && instruction.keyword != .from && instruction.keyword != .arg {
                let keywordAt = line.location(at: CommandParts(line.scalars[...]).command.offset)
                throw DockerfileError(.instructionBeforeFrom,
                    "\(instruction.keyword.rawValue) comes before the first FROM: only ARG may come before FROM, because there is no image yet",
                    at: keywordAt)
            }
            if case .from(_, let stage, _) = instruction.details {
                sawFrom = true
                if let stage {
                    if let first = stageLines[stage] {
                        let words = WordSplitter.whitespace(CommandParts(line.scalars[...]).rest)
                        throw DockerfileError(.duplicateStageName,
                            "duplicate stage name \"\(stage)\" (first used on line \(first))",
                            at: line.location(at: words.last?.offset ?? 0))
                    }
                    stageLines[stage] = instruction.line
                }
            }
            instructions.append(instruction)
        }
        directives = reader.directiveScanner.directives
        if instructions.isEmpty {
            throw DockerfileError(.emptyFile, "file with no instructions: a Dockerfile needs at least a FROM",
                                  at: SourceLocation(line: max(1, source.lines.count), column: 1))
        }
    }

    /// Reads the bodies of the heredocs the instruction opens, in order, from the lines after it.
    private func readHeredocs(for instruction: inout Instruction, line: LogicalLine, reader: inout LineReader) throws(DockerfileError) {
        var target = instruction
        if case .onbuild(let trigger) = instruction.details { target = trigger }
        guard target.keyword.acceptsHeredocs, !target.isJSONForm else { return }
        guard zip(line.scalars, line.scalars.dropFirst()).contains(where: { $0 == "<" && $1 == "<" }) else { return }
        let markers = HeredocMarker.find(in: line.text)
        guard !markers.isEmpty else { return }
        var searchFrom = 0
        for marker in markers {
            let at = Self.offset(of: marker, in: line.scalars, from: searchFrom)
            searchFrom = at + 2
            guard let (content, endLine) = reader.readHeredocBody(terminator: Array(marker.name.unicodeScalars), chomp: marker.chomp) else {
                throw DockerfileError(.unterminatedHeredoc,
                    "unterminated heredoc: no line '\(marker.name)' closes it before the end of the file",
                    at: line.location(at: at))
            }
            target.heredocs.append(Heredoc(name: marker.name, content: content, chomp: marker.chomp,
                                           expand: marker.expand, fileDescriptor: marker.fileDescriptor))
            instruction.heredocs = target.heredocs
            instruction.endLine = endLine
            target.endLine = endLine
        }
        if case .onbuild = instruction.details { instruction.details = .onbuild(target) }
    }

    /// Where the `<<` of a heredoc marker sits in the line, for the caret.
    private static func offset(of marker: HeredocMarker, in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var i = max(0, start)
        while i + 1 < scalars.count {
            if scalars[i] == "<" && scalars[i + 1] == "<" { return i }
            i += 1
        }
        return min(start, max(0, scalars.count - 1))
    }
}
