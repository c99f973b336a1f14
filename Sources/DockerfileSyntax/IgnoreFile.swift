/// A `.dockerignore` file: the paths of the build context that are not sent to the builder.
/// Lines are patterns; `#` lines are comments; the last pattern that matches a path decides, so
/// `!keep.txt` after `*.txt` brings keep.txt back.
public struct IgnoreFile: Sendable, Equatable {
    public var patterns: [IgnorePattern]

    /// Reads `.dockerignore` text (a byte-order mark and CRLF endings are fine).
    public init(parsing text: String) throws(IgnorePattern.Invalid) {
        var patterns: [IgnorePattern] = []
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.hasPrefix("#") { continue }
            guard !line.trimmingASCIIWhitespace().isEmpty else { continue }
            patterns.append(try IgnorePattern(line))
        }
        self.patterns = patterns
    }

    public init(patterns: [IgnorePattern]) {
        self.patterns = patterns
    }

    /// Whether `path` (relative to the context, `/`-separated) is left out of the build context.
    public func excludes(_ path: String) -> Bool {
        let cleaned = PathCleaner.clean(path.hasPrefix("/") ? String(path.dropFirst()) : path)
        let parent: [Substring]
        if let slash = cleaned.lastIndex(of: "/") {
            parent = cleaned[..<slash].split(separator: "/", omittingEmptySubsequences: false)
        } else {
            parent = []
        }
        var excluded = false
        for pattern in patterns {
            // Only a pattern that could change the answer needs testing.
            if pattern.isException != excluded { continue }
            if pattern.matchesSelfOrParent(cleaned, parentSegments: parent) {
                excluded = !pattern.isException
            }
        }
        return excluded
    }
}
