import DockerfileSyntax

/// Docker's wildcards for COPY and ADD sources (Go's filepath.Match, one path component at a
/// time): `*` any run of characters but `/`, `?` one character, `[a-z]` and `[!a-z]` classes,
/// and `\` to take the next character literally.
enum Glob {
    static func hasWildcards(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// `pattern` (one path component) compiled for matching names; nil for an unclosed class,
    /// which matches nothing. DockerfileSyntax's `Wildcard` does the matching.
    static func compile(_ pattern: String) -> Wildcard? {
        Wildcard(filepathPattern: pattern)
    }
}
