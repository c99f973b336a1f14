/// Docker's own small shell lexer: it expands `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`,
/// `${VAR-default}`, `${VAR+alt}`, `${VAR?message}`, `${VAR#pattern}`, `${VAR%pattern}` and
/// `${VAR/pattern/replacement}`, removes quotes and escapes, and splits words the way the builder
/// does for ENV, COPY, WORKDIR … (not RUN: RUN text goes to the image's real shell untouched).
///
/// Quotes: inside `'…'` nothing is special; inside `"…"` only `$` and the escape character are,
/// and the escape only escapes `"`, `$` and itself. Text from a variable is split into words at
/// whitespace; text from quotes is not.
public struct ShellLexer: Sendable {
    /// The escape character (`\`, or `` ` `` under `# escape=``).
    public var escape: Unicode.Scalar
    /// Keep quote characters in the output (Docker's RawQuotes), for inspecting text without changing it.
    public var keepsQuotes = false
    /// Keep escape characters in the output (Docker's RawEscapes).
    public var keepsEscapes = false
    /// Leave `$VAR` and `${VAR…}` as written when VAR is not set (Docker's SkipUnsetEnv).
    public var keepsUnsetVariables = false

    public init(escape: Unicode.Scalar = "\\") {
        self.escape = escape
    }

    /// The outcome of processing one word.
    public struct Result: Sendable, Equatable {
        /// The whole input with quotes removed and variables expanded.
        public var text: String
        /// The same, split into words.
        public var words: [String]
        /// Variables that were referenced and set.
        public var matched: Set<String>
        /// Variables that were referenced but not set.
        public var unmatched: Set<String>
    }

    /// Processes `word`, looking variables up in `environment`.
    public func process(_ word: String, environment: [String: String]) throws(ExpansionError) -> Result {
        try process(word, lookup: { environment[$0] })
    }

    /// Processes `word`, looking variables up with `lookup`.
    public func process(_ word: String, lookup: @escaping (String) -> String?) throws(ExpansionError) -> Result {
        var run = ShellWordRun(lexer: self, input: Array(word.unicodeScalars), lookup: lookup)
        let (text, words) = try run.processStopOn(nil, rawEscapes: keepsEscapes)
        return Result(text: text, words: words, matched: run.matched, unmatched: run.unmatched)
    }

    /// `word` with variables expanded and quotes removed, as one string.
    public func expand(_ word: String, environment: [String: String]) throws(ExpansionError) -> String {
        try process(word, environment: environment).text
    }

    /// `word` with variables expanded, split into words.
    public func words(_ word: String, environment: [String: String]) throws(ExpansionError) -> [String] {
        try process(word, environment: environment).words
    }
}

/// Why a word could not be expanded, and where in the word (a 0-based Unicode scalar offset).
public struct ExpansionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    /// True when the problem is a quote that is never closed.
    public var isUnterminatedQuote: Bool

    public var description: String { message }
}

/// Collects words the way Docker does: whitespace outside quotes ends a word, quoted text never does.
private struct WordCollector {
    var word = [Unicode.Scalar]()
    var words: [String] = []
    var inWord = false

    mutating func addChar(_ c: Unicode.Scalar) {
        if c.isGoSpace {
            if inWord && !word.isEmpty {
                words.append(String(scalars: word))
                word = [Unicode.Scalar]()
                inWord = false
            }
        } else {
            addRawChar(c)
        }
    }

    mutating func addRawChar(_ c: Unicode.Scalar) {
        word.append(c)
        inWord = true
    }

    mutating func addString(_ s: String) {
        for c in s.unicodeScalars { addChar(c) }
    }

    mutating func addRawString(_ s: String) {
        word.append(contentsOf: s.unicodeScalars)
        inWord = true
    }

    mutating func finish() -> [String] {
        if !word.isEmpty {
            words.append(String(scalars: word))
            word = [Unicode.Scalar]()
            inWord = false
        }
        return words
    }
}

/// One pass of the lexer over one input.
private struct ShellWordRun {
    let lexer: ShellLexer
    let input: [Unicode.Scalar]
    let lookup: (String) -> String?
    var index = 0
    var rawEscapes: Bool
    var matched: Set<String> = []
    var unmatched: Set<String> = []

    init(lexer: ShellLexer, input: [Unicode.Scalar], lookup: @escaping (String) -> String?) {
        self.lexer = lexer
        self.input = input
        self.lookup = lookup
        self.rawEscapes = lexer.keepsEscapes
    }

    var peek: Unicode.Scalar? { index < input.count ? input[index] : nil }

    mutating func next() -> Unicode.Scalar? {
        guard index < input.count else { return nil }
        defer { index += 1 }
        return input[index]
    }

    func error(_ message: String, at offset: Int, quote: Bool = false) -> ExpansionError {
        ExpansionError(message: message, offset: offset, isUnterminatedQuote: quote)
    }

    mutating func processStopOn(_ stop: Unicode.Scalar?, rawEscapes escapesRaw: Bool) throws(ExpansionError) -> (String, [String]) {
        let saved = rawEscapes
        rawEscapes = escapesRaw
        defer { rawEscapes = saved }
        var result = [Unicode.Scalar]()
        var words = WordCollector()
        while let c = peek {
            if let stop, c == stop {
                index += 1
                return (String(scalars: result), words.finish())
            }
            if c == "$" {
                let value = try processDollar()
                result.append(contentsOf: value.unicodeScalars)
                words.addString(value)
            } else if c == "'" {
                let value = try processSingleQuote()
                result.append(contentsOf: value.unicodeScalars)
                words.addRawString(value)
            } else if c == "\"" {
                let value = try processDoubleQuote()
                result.append(contentsOf: value.unicodeScalars)
                words.addRawString(value)
            } else {
                index += 1
                if c == lexer.escape {
                    if rawEscapes {
                        words.addRawChar(c)
                        result.append(c)
                    }
                    // An escape at the very end is dropped.
                    guard let escaped = next() else { break }
                    words.addRawChar(escaped)
                    result.append(escaped)
                } else {
                    words.addChar(c)
                    result.append(c)
                }
            }
        }
        if let stop {
            throw error("unexpected end of statement while looking for matching \(stop)", at: input.count)
        }
        return (String(scalars: result), words.finish())
    }

    mutating func processSingleQuote() throws(ExpansionError) -> String {
        let start = index
        var result = [Unicode.Scalar]()
        index += 1
        if lexer.keepsQuotes { result.append("'") }
        while true {
            guard let c = next() else {
                throw error("unexpected end of statement while looking for matching single-quote", at: start, quote: true)
            }
            if c == "'" {
                if lexer.keepsQuotes { result.append(c) }
                return String(scalars: result)
            }
            result.append(c)
        }
    }

    mutating func processDoubleQuote() throws(ExpansionError) -> String {
        let start = index
        var result = [Unicode.Scalar]()
        index += 1
        if lexer.keepsQuotes { result.append("\"") }
        while true {
            guard let c = peek else {
                throw error("unexpected end of statement while looking for matching double-quote", at: start, quote: true)
            }
            if c == "\"" {
                index += 1
                if lexer.keepsQuotes { result.append(c) }
                return String(scalars: result)
            }
            if c == "$" {
                result.append(contentsOf: try processDollar().unicodeScalars)
                continue
            }
            index += 1
            var out = c
            if c == lexer.escape {
                if rawEscapes { result.append(c) }
                guard let following = peek else { continue }
                if following == "\"" || following == "$" || following == lexer.escape {
                    out = following
                    index += 1
                }
            }
            result.append(out)
        }
    }

    mutating func processDollar() throws(ExpansionError) -> String {
        let start = index
        index += 1
        guard peek == "{" else {
            let name = processName()
            if name.isEmpty { return "$" }
            if let value = getEnv(name) { return value }
            return lexer.keepsUnsetVariables ? "$" + name : ""
        }
        index += 1
        switch peek {
        case nil:
            throw error("syntax error: missing '}'", at: start)
        case "{", "}", ":":
            throw error("syntax error: bad substitution", at: start)
        default:
            break
        }
        let name = processName()
        guard let modifier = next() else { throw error("syntax error: missing '}'", at: start) }
        var written = String(modifier)
        switch modifier {
        case "}":
            if let value = getEnv(name) { return value }
            return lexer.keepsUnsetVariables ? "${\(name)}" : ""
        case ":", "+", "-", "?", "#", "%":
            var op = modifier
            var nullIsUnset = false
            if modifier == ":" {
                nullIsUnset = true
                guard let following = next() else { throw error("syntax error: missing '}'", at: start) }
                op = following
                written.unicodeScalars.append(following)
            }
            let word: String
            do {
                (word, _) = try processStopOn("}", rawEscapes: op == "#" || op == "%")
            } catch {
                if peek == nil { throw self.error("syntax error: missing '}'", at: start) }
                throw error
            }
            let value = getEnv(name)
            if value == nil && lexer.keepsUnsetVariables { return "${\(name)\(written)\(word)}" }
            let isUnset = value == nil || (nullIsUnset && value == "")
            switch op {
            case "-":
                return isUnset ? word : (value ?? "")
            case "+":
                return isUnset ? "" : word
            case "?":
                if value == nil {
                    throw error("\(name): \(word.isEmpty ? "is not allowed to be unset" : word)", at: start)
                }
                if nullIsUnset && value == "" {
                    throw error("\(name): \(word.isEmpty ? "is not allowed to be empty" : word)", at: start)
                }
                return value ?? ""
            case "#", "%":
                var pattern = word
                var longest = false
                if pattern.unicodeScalars.first == op {
                    longest = true
                    pattern.unicodeScalars.removeFirst()
                }
                guard let compiled = ShellPattern(pattern) else {
                    throw error("invalid pattern (\(pattern)) in substitution", at: start)
                }
                let text = value ?? ""
                return op == "#" ? compiled.removingPrefix(of: text, longest: longest)
                                 : compiled.removingSuffix(of: text, longest: longest)
            default:
                throw error("unsupported modifier (\(written)) in substitution", at: start)
            }
        case "/":
            let replaceAll = peek == "/"
            if replaceAll { index += 1 }
            let pattern: String
            let replacement: String
            do {
                (pattern, _) = try processStopOn("/", rawEscapes: true)
            } catch {
                if peek == nil { throw self.error("syntax error: missing '/' in ${}", at: start) }
                throw error
            }
            do {
                (replacement, _) = try processStopOn("}", rawEscapes: true)
            } catch {
                if peek == nil { throw self.error("syntax error: missing '}'", at: start) }
                throw error
            }
            guard let value = getEnv(name) else {
                return lexer.keepsUnsetVariables ? "${\(name)/\(pattern)/\(replacement)}" : ""
            }
            guard let compiled = ShellPattern(pattern) else {
                throw error("invalid pattern (\(pattern)) in substitution", at: start)
            }
            return compiled.replacing(in: value, with: replacement, all: replaceAll)
        default:
            throw error("unsupported modifier (\(written)) in substitution", at: start)
        }
    }

    /// A variable name: letters, digits and `_`; or all the digits of a positional parameter; or
    /// one special parameter character.
    mutating func processName() -> String {
        var name = [Unicode.Scalar]()
        while let c = peek {
            if name.isEmpty && c.properties.generalCategory == .decimalNumber {
                while let d = peek, d.properties.generalCategory == .decimalNumber {
                    name.append(d)
                    index += 1
                }
                return String(scalars: name)
            }
            if name.isEmpty, "@*#?-$!0".unicodeScalars.contains(c) {
                index += 1
                return String(c)
            }
            guard c == "_" || c.properties.generalCategory == .decimalNumber || c.isGoLetter else { break }
            name.append(c)
            index += 1
        }
        return String(scalars: name)
    }

    mutating func getEnv(_ name: String) -> String? {
        if let value = lookup(name) {
            matched.insert(name)
            return value
        }
        unmatched.insert(name)
        return nil
    }
}

extension Unicode.Scalar {
    /// Go's `unicode.IsLetter`: any letter category.
    var isGoLetter: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
