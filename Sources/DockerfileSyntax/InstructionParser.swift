/// Turns one joined instruction line into an `Instruction`: finds the keyword, reads and checks the
/// flags, then reads the arguments with the rules of that keyword (see `InstructionParser+Arguments`).
struct InstructionParser {
    let line: LogicalLine
    let escape: Unicode.Scalar

    func location(_ offset: Int) -> SourceLocation { line.location(at: offset) }

    func fail(_ code: DockerfileError.Code, _ message: String, at offset: Int) -> DockerfileError {
        DockerfileError(code, message, at: location(offset))
    }

    /// Parses the instruction held by `text` (the whole line, or what follows ONBUILD).
    func parse(_ text: ArraySlice<Unicode.Scalar>) throws(DockerfileError) -> Instruction {
        let parts = CommandParts(text)
        guard let keyword = Keyword(word: parts.command.text) else {
            throw unknownInstruction(parts.command)
        }
        let flags = try parseFlags(parts.flags, for: keyword)
        var instruction = Instruction(
            keyword: keyword, spelling: parts.command.text, line: line.startLine, endLine: line.endLine,
            flags: flags, arguments: [], isJSONForm: false, heredocs: [],
            original: String(scalars: text.trimmingGoSpace()), details: .maintainer(""))
        try readArguments(parts, into: &instruction)
        return instruction
    }

    private func unknownInstruction(_ word: Word) -> DockerfileError {
        var message = "unknown instruction '\(word.text)'"
        if let suggestion = Suggestions.closest(to: word.text, among: Keyword.allCases.map(\.rawValue)) {
            message += " (did you mean '\(suggestion)'?)"
        } else if word.text.hasPrefix("-") || word.text.hasPrefix("&") || word.text.hasPrefix("|") {
            message += " (is the previous line missing a '\(String(escape))' at its end?)"
        }
        return fail(.unknownInstruction, message, at: word.offset)
    }

    /// Docker's BFlags rules: known names only, `=value` required for string flags, booleans
    /// are `true`/`false`, and only repeatable flags may come twice.
    private func parseFlags(_ words: [Word], for keyword: Keyword) throws(DockerfileError) -> [InstructionFlag] {
        let known = FlagSpec.flags(for: keyword)
        var flags: [InstructionFlag] = []
        var used: Set<String> = []
        for word in words {
            let body = word.text.dropFirst(2)
            let name: String
            let value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
                value = nil
            }
            guard let kind = known[name] else {
                var message = "unknown flag: --\(name)"
                if known.isEmpty {
                    message += " (\(keyword.rawValue) takes no flags)"
                } else if let suggestion = Suggestions.closest(to: name, among: known.keys.sorted()) {
                    message += " (did you mean --\(suggestion)?)"
                } else {
                    message += " (\(keyword.rawValue) accepts " + known.keys.sorted().map { "--\($0)" }.joined(separator: ", ") + ")"
                }
                throw fail(.unknownFlag, message, at: word.offset)
            }
            if !used.insert(name).inserted && kind != .repeatable {
                throw fail(.invalidFlag, "duplicate flag specified: --\(name)", at: word.offset)
            }
            switch kind {
            case .bool:
                if let value {
                    guard !value.isEmpty else {
                        throw fail(.invalidFlag, "missing a value on flag: --\(name)", at: word.offset)
                    }
                    guard ["true", "false"].contains(value.lowercased()) else {
                        throw fail(.invalidFlag, "expecting boolean value for flag --\(name), not: \(value)", at: word.offset)
                    }
                }
            case .string, .repeatable:
                guard value != nil else {
                    throw fail(.invalidFlag, "missing a value on flag: --\(name) (write --\(name)=VALUE)", at: word.offset)
                }
            }
            flags.append(InstructionFlag(name: name, value: value, location: location(word.offset)))
        }
        return flags
    }
}
