import HostSystem

/// The argument rules of each instruction, following Docker's parser and its instruction checks.
extension InstructionParser {
    func readArguments(_ parts: CommandParts, into instruction: inout Instruction) throws(DockerfileError) {
        let rest = parts.rest
        let keyword = instruction.keyword
        let name = keyword.rawValue
        let restText = String(scalars: rest)
        let missingAt = rest.startIndex

        switch keyword {
        case .from:
            let words = WordSplitter.whitespace(rest)
            guard let image = words.first else {
                throw fail(.missingArguments, "FROM requires either one or three arguments: FROM IMAGE [AS NAME]", at: missingAt)
            }
            try checkWords(words)
            var stage: String?
            switch words.count {
            case 1:
                break
            case 2:
                if words[1].text.lowercased() == "as" {
                    throw fail(.missingArguments, "missing stage name after \(words[1].text)", at: rest.endIndex)
                }
                throw fail(.extraArguments, "FROM requires either one or three arguments: FROM IMAGE [AS NAME]", at: words[1].offset)
            case 3:
                guard words[1].text.lowercased() == "as" else {
                    throw fail(.invalidArguments, "expected AS before the stage name, found '\(words[1].text)'", at: words[1].offset)
                }
                let lowered = words[2].text.lowercased()
                guard Self.isValidStageName(lowered) else {
                    throw fail(.invalidStageName,
                        "invalid name for build stage: \"\(words[2].text)\", name can't start with a number or contain symbols",
                        at: words[2].offset)
                }
                stage = lowered
            default:
                throw fail(.extraArguments, "FROM requires either one or three arguments: FROM IMAGE [AS NAME]", at: words[3].offset)
            }
            instruction.arguments = words.map(\.text)
            instruction.details = .from(image: image.text, stageName: stage, platform: instruction.flag("platform"))

        case .run, .cmd, .entrypoint:
            guard !rest.isEmpty else {
                throw fail(.missingArguments, "\(name) requires a command", at: missingAt)
            }
            let form = try commandForm(rest)
            if case .exec(let strings) = form {
                instruction.isJSONForm = true
                instruction.arguments = strings
            } else {
                instruction.arguments = [restText]
            }
            instruction.details = keyword == .run ? .run(form) : keyword == .cmd ? .cmd(form) : .entrypoint(form)

        case .copy, .add:
            let list = try maybeJSONList(rest)
            guard list.strings.count >= 2 else {
                throw fail(.missingArguments,
                    "\(name) requires at least two arguments, but only \(list.strings.isEmpty ? "none was" : "one was") provided. Destination could not be determined",
                    at: list.strings.isEmpty ? missingAt : rest.endIndex)
            }
            if let words = list.words { try checkWords(words, hint: " (\(name) splits its arguments at spaces; use the JSON form [\"a b\", \"/dest\"] for names with spaces)") }
            let destination = list.strings[list.strings.count - 1]
            if (try? HeredocMarker.parse(word: destination)) != nil {
                throw fail(.invalidArguments, "\(name) cannot accept a heredoc as a destination",
                           at: list.words?.last?.offset ?? rest.startIndex)
            }
            instruction.isJSONForm = list.words == nil
            instruction.arguments = list.strings
            let sources = Array(list.strings.dropLast())
            instruction.details = keyword == .copy ? .copy(sources: sources, destination: destination)
                                                   : .add(sources: sources, destination: destination)

        case .env, .label:
            let pairs = try nameValuePairs(rest, keyword: name)
            instruction.arguments = pairs.map { "\($0.key)=\($0.value)" }
            instruction.details = keyword == .env ? .env(pairs) : .label(pairs)

        case .arg:
            let (words, openQuote) = WordSplitter.quoted(rest, escape: escape)
            if let openQuote { throw unterminatedQuote(at: openQuote) }
            guard !words.isEmpty else {
                throw fail(.missingArguments, "ARG requires at least one argument: ARG NAME[=DEFAULT]", at: missingAt)
            }
            try checkWords(words)
            var declarations: [ArgumentDeclaration] = []
            for word in words {
                if let equals = word.text.firstIndex(of: "=") {
                    guard equals != word.text.startIndex else {
                        throw fail(.invalidArguments, "ARG names can not be blank", at: word.offset)
                    }
                    declarations.append(ArgumentDeclaration(name: String(word.text[..<equals]),
                                                            defaultValue: String(word.text[word.text.index(after: equals)...])))
                } else {
                    declarations.append(ArgumentDeclaration(name: word.text, defaultValue: nil))
                }
            }
            instruction.arguments = words.map(\.text)
            instruction.details = .arg(declarations)

        case .workdir, .user, .stopSignal, .maintainer:
            guard !rest.isEmpty else {
                let what = [Keyword.workdir: "a path", .user: "a user name or UID", .stopSignal: "a signal such as SIGTERM",
                            .maintainer: "a name"][keyword] ?? "an argument"
                throw fail(.missingArguments, "\(name) requires exactly one argument: \(what)", at: missingAt)
            }
            instruction.arguments = [restText]
            if keyword == .maintainer {
                instruction.details = .maintainer(restText)
                break
            }
            let (words, openQuote) = WordSplitter.quoted(rest, escape: escape)
            if let openQuote { throw unterminatedQuote(at: openQuote) }
            try checkWords(words)
            if words.count > 1 {
                let hint = keyword == .workdir ? "; put quotes around a path that contains spaces" : ""
                throw fail(.extraArguments, "\(name) requires exactly one argument\(hint)", at: words[1].offset)
            }
            switch keyword {
            case .workdir:
                instruction.details = .workdir(restText)
            case .user:
                instruction.details = .user(restText)
            default:
                let expanded = expandedIfFixed(restText)
                if let expanded, Signal.number(named: expanded) == nil {
                    throw fail(.invalidSignal, "unknown signal '\(expanded)': use a name such as SIGTERM or SIGQUIT, or a number",
                               at: rest.startIndex)
                }
                instruction.details = .stopSignal(restText)
            }

        case .expose:
            let words = WordSplitter.whitespace(rest)
            guard !words.isEmpty else {
                throw fail(.missingArguments, "EXPOSE requires at least one argument: a port such as 80 or 80/tcp", at: missingAt)
            }
            try checkWords(words)
            var ports: [PortSpec] = []
            for word in words {
                guard let expanded = expandedIfFixed(word.text) else {
                    ports.append(PortSpec(text: word.text, range: nil, proto: "tcp"))
                    continue
                }
                guard let port = Self.parsePort(expanded) else {
                    throw fail(.invalidPort,
                        "invalid port '\(expanded)': EXPOSE takes a port or range with an optional protocol, such as 80, 80/udp or 8000-8010/tcp",
                        at: word.offset)
                }
                ports.append(port)
            }
            instruction.arguments = words.map(\.text)
            instruction.details = .expose(ports)

        case .volume:
            let list = try maybeJSONList(rest)
            guard !list.strings.isEmpty else {
                throw fail(.missingArguments, "VOLUME requires at least one argument: a path such as /data", at: missingAt)
            }
            if let words = list.words { try checkWords(words) }
            if list.strings.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
                throw fail(.invalidArguments, "VOLUME specified can not be an empty string", at: rest.startIndex)
            }
            instruction.isJSONForm = list.words == nil
            instruction.arguments = list.strings
            instruction.details = .volume(list.strings)

        case .shell:
            guard !rest.isEmpty else {
                throw fail(.missingArguments, "SHELL requires at least one argument: SHELL [\"executable\", \"parameters\"]", at: missingAt)
            }
            guard case .exec(let strings) = try commandForm(rest) else {
                throw fail(.invalidArguments, "SHELL requires the arguments to be in JSON form: SHELL [\"/bin/bash\", \"-c\"]",
                           at: rest.startIndex)
            }
            guard !strings.isEmpty else {
                throw fail(.missingArguments, "SHELL requires at least one argument", at: rest.startIndex)
            }
            instruction.isJSONForm = true
            instruction.arguments = strings
            instruction.details = .shell(strings)

        case .healthcheck:
            try readHealthcheck(rest, into: &instruction)

        case .onbuild:
            guard !rest.isEmpty else {
                throw fail(.missingArguments, "ONBUILD requires at least one argument: an instruction to run in images built FROM this one",
                           at: missingAt)
            }
            let inner = CommandParts(rest).command
            switch inner.text.uppercased() {
            case "ONBUILD":
                throw fail(.invalidOnbuild, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", at: inner.offset)
            case "FROM", "MAINTAINER":
                throw fail(.invalidOnbuild, "\(inner.text.uppercased()) isn't allowed as an ONBUILD trigger", at: inner.offset)
            default:
                break
            }
            let trigger = try parse(rest)
            instruction.arguments = [trigger.keyword.rawValue] + trigger.arguments
            instruction.details = .onbuild(trigger)
        }
    }

    // MARK: - Shared pieces

    /// Exec form if `rest` is a JSON array of strings, shell form otherwise.
    func commandForm(_ rest: ArraySlice<Unicode.Scalar>) throws(DockerfileError) -> CommandForm {
        switch JSONArray.parse(rest) {
        case .strings(let strings):
            return .exec(strings)
        case .notStrings(let offset):
            throw fail(.invalidJSON, "when using JSON array syntax, arrays must be comprised of strings only", at: offset)
        case .notJSON:
            return .shell(String(scalars: rest))
        }
    }

    /// COPY, ADD and VOLUME: a JSON array of strings, or else words split at whitespace.
    func maybeJSONList(_ rest: ArraySlice<Unicode.Scalar>) throws(DockerfileError) -> (strings: [String], words: [Word]?) {
        switch JSONArray.parse(rest) {
        case .strings(let strings):
            return (strings, nil)
        case .notStrings(let offset):
            throw fail(.invalidJSON, "when using JSON array syntax, arrays must be comprised of strings only", at: offset)
        case .notJSON:
            let words = WordSplitter.whitespace(rest)
            return (words.map(\.text), words)
        }
    }

    func unterminatedQuote(at offset: Int) -> DockerfileError {
        let quote = offset < line.scalars.count ? line.scalars[offset] : "\""
        return fail(.unterminatedQuote, "unterminated quote: this \(quote == "'" ? "single" : "double") quote is never closed", at: offset)
    }

    /// Runs Docker's word expansion over words that the builder will expand, so that an
    /// unterminated quote or a broken `${…}` is reported now, not halfway through a build.
    func checkWords(_ words: [Word], hint: String = "") throws(DockerfileError) {
        var lexer = ShellLexer(escape: escape)
        lexer.keepsUnsetVariables = true
        for word in words {
            // Only quotes, escapes and `$` can make expansion fail.
            guard word.text.unicodeScalars.contains(where: { $0 == "$" || $0 == "'" || $0 == "\"" || $0 == escape }) else { continue }
            do {
                _ = try lexer.process(word.text, environment: [:])
            } catch {
                if error.isUnterminatedQuote {
                    throw fail(.unterminatedQuote,
                               "unterminated quote: this \(quoteName(word, error.offset)) quote is never closed\(hint)",
                               at: word.offset + error.offset)
                }
                throw fail(.invalidArguments, error.message, at: word.offset + error.offset)
            }
        }
    }

    private func quoteName(_ word: Word, _ offset: Int) -> String {
        let scalars = Array(word.text.unicodeScalars)
        return offset < scalars.count && scalars[offset] == "'" ? "single" : "double"
    }

    /// The word with quotes removed, if it holds no variables (so it can be checked now).
    func expandedIfFixed(_ text: String) -> String? {
        if !text.unicodeScalars.contains(where: { $0 == "$" || $0 == "'" || $0 == "\"" || $0 == escape }) { return text }
        var lexer = ShellLexer(escape: escape)
        lexer.keepsUnsetVariables = true
        guard let result = try? lexer.process(text, environment: [:]), result.matched.isEmpty, result.unmatched.isEmpty else {
            return nil
        }
        return result.text
    }

    /// ENV and LABEL: `KEY=VALUE …` pairs, or the legacy `KEY VALUE` (everything after the first
    /// blank is the value).
    func nameValuePairs(_ rest: ArraySlice<Unicode.Scalar>, keyword: String) throws(DockerfileError) -> [KeyValue] {
        let (words, openQuote) = WordSplitter.quoted(rest, escape: escape)
        guard let first = words.first else {
            throw fail(.missingArguments, "\(keyword) requires at least one argument: \(keyword) KEY=VALUE", at: rest.startIndex)
        }
        if let openQuote { throw unterminatedQuote(at: openQuote) }
        if !first.text.utf8.contains(UInt8(ascii: "=")) {
            var i = rest.startIndex
            while i < rest.endIndex, !rest[i].isWordSeparator { i += 1 }
            var valueStart = i
            while valueStart < rest.endIndex, rest[valueStart].isWordSeparator { valueStart += 1 }
            guard valueStart < rest.endIndex else {
                throw fail(.missingArguments, "\(keyword) must have two arguments: \(keyword) \(first.text)=VALUE", at: rest.endIndex)
            }
            let value = Word(text: String(scalars: rest[valueStart...]), offset: valueStart)
            try checkWords([Word(text: String(scalars: rest[rest.startIndex..<i]), offset: rest.startIndex), value])
            return [KeyValue(key: String(scalars: rest[rest.startIndex..<i]), value: value.text)]
        }
        try checkWords(words)
        var pairs: [KeyValue] = []
        for word in words {
            guard let equals = word.text.firstIndex(of: "=") else {
                throw fail(.invalidArguments,
                    "Syntax error - can't find = in \"\(word.text)\". Must be of the form: name=value", at: word.offset)
            }
            guard equals != word.text.startIndex else {
                throw fail(.invalidArguments, "\(keyword) names can not be blank", at: word.offset)
            }
            pairs.append(KeyValue(key: String(word.text[..<equals]), value: String(word.text[word.text.index(after: equals)...])))
        }
        return pairs
    }

    /// Docker's stage-name rule, `^[a-z][a-z0-9-_.]*$`, on the lower-cased name.
    static func isValidStageName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first >= "a" && first <= "z" else { return false }
        return name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || $0.isASCIIDigit || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    /// `port`, `start-end`, each optionally followed by `/tcp`, `/udp` or `/sctp`.
    static func parsePort(_ text: String) -> PortSpec? {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        let proto = pieces.count == 2 ? pieces[1].lowercased() : "tcp"
        guard ["tcp", "udp", "sctp"].contains(proto) else { return nil }
        let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2 else { return nil }
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 5, s.unicodeScalars.allSatisfy(\.isASCIIDigit), let n = Int(s), n <= 65_535 else { return nil }
            return n
        }
        guard let low = number(bounds[0]) else { return nil }
        let high = bounds.count == 2 ? number(bounds[1]) : low
        guard let high, high >= low else { return nil }
        return PortSpec(text: text, range: low...high, proto: proto)
    }
}
