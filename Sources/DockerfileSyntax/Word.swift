/// A piece of an instruction's text and the offset where it starts in the joined line, so errors
/// about it can point at it.
struct Word: Equatable {
    var text: String
    var offset: Int
}

/// The ways Docker cuts an instruction's arguments into words, each for particular instructions.
enum WordSplitter {
    /// Plain whitespace split, no quote handling (FROM, EXPOSE, COPY/ADD/VOLUME in shell form).
    static func whitespace(_ s: ArraySlice<Unicode.Scalar>) -> [Word] {
        var words: [Word] = []
        var i = s.startIndex
        while i < s.endIndex {
            while i < s.endIndex, s[i].isWordSeparator { i += 1 }
            guard i < s.endIndex else { break }
            let start = i
            while i < s.endIndex, !s[i].isWordSeparator { i += 1 }
            words.append(Word(text: String(scalars: s[start..<i]), offset: start))
        }
        return words
    }

    /// Quote-aware split that keeps quotes and escapes as written (ENV, LABEL, ARG): whitespace
    /// inside `'…'` or `"…"`, or after the escape character, does not end a word.
    /// Also returns the offset of a quote left open at the end, if any.
    static func quoted(_ s: ArraySlice<Unicode.Scalar>, escape: Unicode.Scalar) -> (words: [Word], openQuote: Int?) {
        var words: [Word] = []
        var current = [Unicode.Scalar]()
        var start = s.startIndex
        var inWord = false
        var quote: Unicode.Scalar?
        var quoteStart = 0
        var blankOK = false
        var i = s.startIndex
        func flush() {
            if blankOK || !current.isEmpty { words.append(Word(text: String(scalars: current), offset: start)) }
            current = [Unicode.Scalar]()
            blankOK = false
            inWord = false
        }
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == escape && q != "'" {
                    if i + 1 == s.endIndex {
                        quote = nil
                        i += 1
                        continue
                    }
                    current.append(c)
                    i += 1
                }
                current.append(s[i])
                i += 1
                continue
            }
            if !inWord {
                if c.isGoSpace {
                    i += 1
                    continue
                }
                inWord = true
                start = i
            }
            if c.isGoSpace {
                flush()
                i += 1
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                quoteStart = i
                blankOK = true
            }
            if c == escape {
                if i + 1 == s.endIndex {
                    i += 1
                    continue
                }
                current.append(c)
                i += 1
            }
            current.append(s[i])
            i += 1
        }
        if inWord { flush() }
        return (words, quote == nil ? nil : quoteStart)
    }
}

/// The parts of an instruction line: the keyword word, the leading `--flags`, and the rest.
struct CommandParts {
    var command: Word
    var flags: [Word]
    /// The arguments after the flags, trimmed; indices are offsets in the joined line.
    var rest: ArraySlice<Unicode.Scalar>

    /// Docker's `splitCommand` + `extractBuilderFlags`: the first word is the command; then words
    /// starting with `--` are flags (quotes and `\` processed inside them) until the first word that
    /// does not start with `--`, or a lone `--`.
    init(_ line: ArraySlice<Unicode.Scalar>) {
        let trimmed = line.trimmingGoSpace()
        var i = trimmed.startIndex
        while i < trimmed.endIndex, !trimmed[i].isWordSeparator { i += 1 }
        command = Word(text: String(scalars: trimmed[trimmed.startIndex..<i]), offset: trimmed.startIndex)
        var flags: [Word] = []
        let end = trimmed.endIndex
        var argsStart = end
        scan: while true {
            while i < end, trimmed[i].isGoSpace { i += 1 }
            guard i < end else { break }
            guard trimmed[i] == "-", i + 1 < end, trimmed[i + 1] == "-" else {
                argsStart = i
                break
            }
            let start = i
            var word = [Unicode.Scalar]()
            var blankOK = false
            var quote: Unicode.Scalar?
            while i < end {
                let c = trimmed[i]
                if let q = quote {
                    if c == q {
                        quote = nil
                    } else if c == "\\" && i + 1 < end {
                        i += 1
                        word.append(trimmed[i])
                    } else if c != "\\" {
                        word.append(c)
                    } else {
                        quote = nil
                    }
                    i += 1
                    continue
                }
                if c.isGoSpace { break }
                if c == "'" || c == "\"" {
                    quote = c
                    blankOK = true
                } else if c == "\\" {
                    if i + 1 < end {
                        i += 1
                        word.append(trimmed[i])
                    }
                } else {
                    word.append(c)
                }
                i += 1
            }
            let text = String(scalars: word)
            if text == "--" {
                argsStart = i
                break scan
            }
            if blankOK || !word.isEmpty { flags.append(Word(text: text, offset: start)) }
        }
        self.flags = flags
        self.rest = trimmed[min(argsStart, end)..<end].trimmingGoSpace()
    }
}

/// A heredoc opener found in an instruction line (`<<EOF`, `<<-EOF`, `3<<"EOF"`).
struct HeredocMarker: Equatable {
    var name: String
    var chomp: Bool
    var expand: Bool
    var fileDescriptor: Int

    /// Docker's rule: split the line into shell words (keeping quotes), and every word of the form
    /// `[digits]<<[-]word` opens a heredoc, in order.
    static func find(in line: String) -> [HeredocMarker] {
        var lexer = ShellLexer(escape: "\\")
        lexer.keepsQuotes = true
        lexer.keepsEscapes = true
        lexer.keepsUnsetVariables = true
        guard let words = try? lexer.process(line, environment: [:]).words else { return [] }
        return words.compactMap { try? parse(word: $0) ?? nil }
    }

    /// The marker a single word opens, if any (`^(\d*)<<(-?)([^<]*)$`).
    static func parse(word: String) throws(ExpansionError) -> HeredocMarker? {
        let chars = Array(word.unicodeScalars)
        var i = 0
        while i < chars.count, chars[i].isASCIIDigit { i += 1 }
        let digits = String(scalars: chars[0..<i])
        guard i + 1 < chars.count, chars[i] == "<", chars[i + 1] == "<" else { return nil }
        i += 2
        var chomp = false
        if i < chars.count, chars[i] == "-" {
            chomp = true
            i += 1
        }
        let rest = chars[i...]
        guard !rest.isEmpty, !rest.contains("<") else { return nil }
        let restText = String(scalars: rest)
        var lexer = ShellLexer(escape: "\\")
        lexer.keepsUnsetVariables = true
        let words = try lexer.process(restText, environment: [:]).words
        guard words.count == 1 else { return nil }
        lexer.keepsQuotes = true
        let rawWords = try lexer.process(restText, environment: [:]).words
        guard rawWords.count == 1 else { return nil }
        func quotes(_ s: String) -> Int { s.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
        return HeredocMarker(name: words[0], chomp: chomp, expand: quotes(words[0]) == quotes(rawWords[0]),
                             fileDescriptor: Int(digits) ?? 0)
    }
}
