import DockerfileSyntax

/// Docker's wildcards for COPY and ADD sources (Go's filepath.Match, one path component at a
/// time): `*` any run of characters but `/`, `?` one character, `[a-z]` and `[!a-z]` classes,
/// and `\` to take the next character literally.
enum Glob {
    static func hasWildcards(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// Whether `name` (one path component) matches `pattern` (one component); a pattern with an
    /// unclosed class matches nothing. DockerfileSyntax's `Wildcard` does the matching.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        Wildcard(filepathPattern: pattern)?.matches(name) ?? false
    }
}
