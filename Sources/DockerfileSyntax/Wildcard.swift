/// A wildcard pattern, compiled to tokens and matched by dynamic programming over (token,
/// position), so a pattern full of stars cannot blow up. One matcher for Docker's three pattern
/// languages, which agree on `*`, `?`, `[…]` and `\` but differ where Docker's do:
/// - COPY/ADD sources use Go's `filepath.Match` (`init(filepathPattern:)`): `*`, `?` and classes
///   stay inside one path segment.
/// - `.dockerignore` (`IgnorePattern`) is `filepath.Match` plus `**` for any number of
///   directories, and moby refuses a bad class or a reversed range instead of never matching.
/// - `${VAR#pattern}` and friends (`ShellPattern`) follow shell rules: no separator (`*` runs
///   across `/`), no classes, and `\` escapes only `*`, `?` and `\`.
package struct Wildcard: Sendable, Equatable {
    package enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        /// `?`: one character, not the separator.
        case anyCharacter
        /// `*`: any run of characters without the separator.
        case anyRun
        /// `**/` in `.dockerignore`: zero or more whole directories.
        case anyDirectories
        /// `**` at the end of a `.dockerignore` pattern: anything at all.
        case anything
        /// `[a-z]`, `[!a-z]`: one character (not the separator) in, or not in, the ranges.
        case characterClass(negated: Bool, ranges: [ScalarRange])
    }

    /// A class range by scalar value; a reversed one (`z-a`) matches nothing.
    package struct ScalarRange: Sendable, Equatable {
        package var low: UInt32
        package var high: UInt32

        package var isReversed: Bool { low > high }

        func contains(_ scalar: Unicode.Scalar) -> Bool { low <= scalar.value && scalar.value <= high }
    }

    package var tokens: [Token]
    /// The character `*`, `?` and classes never match: `/` for paths, nil for shell words.
    package var separator: Unicode.Scalar?

    package init(tokens: [Token], separator: Unicode.Scalar?) {
        self.tokens = tokens
        self.separator = separator
    }

    /// Go's `filepath.Match` syntax, for one path segment; nil for an unclosed class, which
    /// then matches nothing.
    package init?(filepathPattern pattern: String) {
        let chars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            switch c {
            case "*": tokens.append(.anyRun)
            case "?": tokens.append(.anyCharacter)
            case "\\" where i < chars.count:
                tokens.append(.literal(chars[i]))
                i += 1
            case "[":
                guard let (token, next) = Self.parseClass(chars, from: i) else { return nil }
                tokens.append(token)
                i = next
            default: tokens.append(.literal(c))
            }
        }
        self.init(tokens: tokens, separator: "/")
    }

    /// Whether the whole of `text` matches.
    package func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return matchEnds(in: scalars, from: 0)[scalars.count]
    }
}
