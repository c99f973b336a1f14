/// One `.dockerignore` line: a path pattern relative to the build context, where `*` matches
/// within one path segment, `?` one character, `[…]` a character class, `**` any number of
/// directories, and a leading `!` turns the line into an exception that re-includes paths.
public struct IgnorePattern: Sendable, Equatable {
    /// The cleaned pattern, without the `!`.
    public var pattern: String
    public var isException: Bool
    private var segments: Int
    private var kind: Kind
    private var wildcard: Wildcard

    private enum Kind: Sendable, Equatable {
        case exact, prefix, suffix, glob
    }

    /// Errors for a pattern that cannot be compiled (`!` alone, an unclosed `[`).
    public struct Invalid: Error, Sendable, Equatable {
        public var pattern: String
        public var reason: String
    }

    public init(_ line: String) throws(Invalid) {
        var text = line.trimmingASCIIWhitespace()
        var exception = false
        if text.hasPrefix("!") {
            exception = true
            text = String(text.dropFirst()).trimmingASCIIWhitespace()
            guard !text.isEmpty else { throw Invalid(pattern: line, reason: "illegal exclusion pattern: \"!\"") }
        }
        text = PathCleaner.clean(text)
        if text.count > 1, text.hasPrefix("/") { text.removeFirst() }
        self.pattern = text
        self.isException = exception
        self.segments = text.split(separator: "/", omittingEmptySubsequences: false).count
        let (kind, tokens) = try Self.compile(text, original: line)
        self.kind = kind
        self.wildcard = Wildcard(tokens: tokens, separator: "/")
    }

    /// Whether the pattern matches `path` itself (a cleaned, slash-separated relative path).
    func matches(_ path: String) -> Bool {
        switch kind {
        case .exact:
            return path == pattern
        case .prefix:
            return path.hasPrefix(String(pattern.dropLast(2)))
        case .suffix:
            let suffix = String(pattern.dropFirst(2))
            if path.hasSuffix(suffix) { return true }
            return suffix.hasPrefix("/") && path == String(suffix.dropFirst())
        case .glob:
            return wildcard.matches(path)
        }
    }

    /// Also true if the pattern matches one of the path's parent directories, cut to as many
    /// segments as the pattern has: ignoring `build` ignores everything inside it.
    func matchesSelfOrParent(_ path: String, parentSegments: [Substring]) -> Bool {
        if matches(path) { return true }
        guard !parentSegments.isEmpty, segments <= parentSegments.count else { return false }
        return matches(parentSegments.prefix(segments).joined(separator: "/"))
    }

    // MARK: - Compiling

    /// Follows moby's patternmatcher: patterns with no wildcard are exact, `prefix**` is a prefix
    /// test, a leading `**` with nothing else special is a suffix test, the rest are globs.
    private static func compile(_ text: String, original: String) throws(Invalid) -> (Kind, [Wildcard.Token]) {
        let chars = Array(text.unicodeScalars)
        var tokens: [Wildcard.Token] = []
        var kind = Kind.exact
        var i = 0
        var first = true
        while i < chars.count {
            let c = chars[i]
            i += 1
            defer { first = false }
            switch c {
            case "*":
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    if i < chars.count, chars[i] == "/" { i += 1 }
                    if i == chars.count {
                        if kind == .exact { kind = .prefix } else { kind = .glob }
                        tokens.append(.anything)
                    } else {
                        tokens.append(.anyDirectories)
                        kind = .glob
                    }
                    if first { kind = .suffix }
                } else {
                    tokens.append(.anyRun)
                    kind = .glob
                }
            case "?":
                tokens.append(.anyCharacter)
                kind = .glob
            case "\\":
                if i < chars.count {
                    tokens.append(.literal(chars[i]))
                    i += 1
                    kind = .glob
                } else {
                    tokens.append(.literal("\\"))
                }
            case "[":
                // moby compiles the pattern to a regexp, which refuses `[z-a]` as well as `[a`.
                guard let (token, next) = Wildcard.parseClass(chars, from: i), !Self.hasReversedRange(token) else {
                    throw Invalid(pattern: original, reason: "syntax error in pattern")
                }
                tokens.append(token)
                i = next
                kind = .glob
            default:
                tokens.append(.literal(c))
            }
        }
        // A suffix pattern whose rest has wildcards is really a glob.
        if kind == .suffix, tokens.dropFirst().contains(where: { if case .literal = $0 { return false } else { return true } }) {
            kind = .glob
        }
        return (kind, tokens)
    }

    private static func hasReversedRange(_ token: Wildcard.Token) -> Bool {
        guard case let .characterClass(_, ranges) = token else { return false }
        return ranges.contains(where: \.isReversed)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].isGoSpace { start += 1 }
        while end > start, scalars[end - 1].isGoSpace { end -= 1 }
        return String(scalars: scalars[start..<end])
    }
}

/// Go's `filepath.Clean` for slash-separated paths: drops `.` and empty segments, resolves `..`,
/// and never leaves a trailing slash.
enum PathCleaner {
    static func clean(_ path: String) -> String {
        guard !path.isEmpty else { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
