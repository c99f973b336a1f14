/// The parser directives at the top of a Dockerfile (`# syntax=…`, `# escape=…`, `# check=…`).
/// They are comments to everything but the parser, and only count before the first comment,
/// blank line or instruction: after that, `# escape=` is an ordinary comment.
public struct ParserDirectives: Sendable, Equatable {
    /// The escape character: `\` by default, or `` ` `` (handy on Windows, where `\` is the path separator).
    public var escape: Unicode.Scalar = "\\"
    /// The frontend image the file asks for, such as `docker/dockerfile:1`.
    public var syntax: String?
    /// Lint settings, such as `skip=JSONArgsRecommended`.
    public var check: String?

    public init() {}

    static let known: Set<String> = ["escape", "syntax", "check"]
}

/// Reads parser directives line by line until the first line that is not one.
struct DirectiveScanner {
    private(set) var directives = ParserDirectives()
    private(set) var done = false
    private var seen: Set<String> = []

    /// Looks at one physical line (already stripped of leading whitespace). Returns true if it was
    /// consumed as a directive.
    mutating func scan(_ line: ArraySlice<Unicode.Scalar>, lineNumber: Int, column: Int) throws(DockerfileError) -> Bool {
        guard !done else { return false }
        guard let (name, value, valueColumn) = Self.match(line) else {
            done = true
            return false
        }
        let key = name.lowercased()
        guard ParserDirectives.known.contains(key) else {
            // An unknown directive is a comment, and ends the directive block.
            done = true
            return false
        }
        guard seen.insert(key).inserted else {
            throw DockerfileError(.invalidDirective, "only one \(key) parser directive can be used",
                                  at: SourceLocation(line: lineNumber, column: column))
        }
        switch key {
        case "escape":
            guard value == "\\" || value == "`" else {
                throw DockerfileError(.invalidDirective,
                    "invalid escape token '\(value)' does not match ` or \\",
                    at: SourceLocation(line: lineNumber, column: column + valueColumn))
            }
            directives.escape = value == "`" ? "`" : "\\"
        case "syntax":
            directives.syntax = value
        default:
            directives.check = value
        }
        return true
    }

    /// Docker's pattern `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, by hand.
    /// Returns the name, the value, and the value's 0-based offset in the line.
    static func match(_ line: ArraySlice<Unicode.Scalar>) -> (String, String, Int)? {
        let chars = Array(line)
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        var i = 0
        guard i < chars.count, chars[i] == "#" else { return nil }
        i += 1
        while i < chars.count, isSpace(chars[i]) { i += 1 }
        guard i < chars.count, isLetter(chars[i]) else { return nil }
        let nameStart = i
        while i < chars.count, isLetter(chars[i]) || isDigit(chars[i]) { i += 1 }
        let name = String(String.UnicodeScalarView(chars[nameStart..<i]))
        while i < chars.count, isSpace(chars[i]) { i += 1 }
        guard i < chars.count, chars[i] == "=" else { return nil }
        i += 1
        while i < chars.count, isSpace(chars[i]) { i += 1 }
        var end = chars.count
        while end > i, isSpace(chars[end - 1]) { end -= 1 }
        guard end > i else { return nil }
        return (name, String(String.UnicodeScalarView(chars[i..<end])), i)
    }
}
