/// A piece of prose that quotes what a step printed, marked so `lessons lint` can hold it to the
/// step's recorded real run: an HTML comment right before a code span,
///
///     the link shows <!--recorded-->`eth0@if`, the host end of a veth pair
///     the second run shows <!--recorded:pid-one-->`1`
///
/// `<!--recorded-->` quotes the nearest step above it; `<!--recorded:ID-->` names the step. An
/// ellipsis (`…`) in the quote stands for text left out: each part must be in the recording.
/// The comment is invisible in the player, on the course site and on any Markdown viewer.
public struct RecordedQuote: Sendable, Equatable {
    /// The quoted text, as written between the backticks.
    public var text: String
    /// The step whose recorded output must contain it.
    public var stepID: String?
    /// The line in the lesson file.
    public var line: Int

    /// The parts of the quote that must each appear in the recorded output, whitespace folded.
    public var parts: [String] {
        text.split(separator: "…").map { RecordedQuote.folded(String($0)) }.filter { !$0.isEmpty }
    }

    /// Runs of spaces and tabs made one space, so a column-aligned line quotes as written prose.
    static func folded(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    static let marker = "<!--recorded"

    /// The quotes in a lesson's Markdown body (`lineOffset` lines below the file's top), each with
    /// the step it quotes, and a problem for each marker that is not followed by a code span or
    /// that starts a line (CommonMark would read the line as an HTML block and hide it).
    static func scan(_ markdown: String, lineOffset: Int) -> (quotes: [RecordedQuote], problems: [(line: Int, message: String)]) {
        var quotes: [RecordedQuote] = []
        var problems: [(line: Int, message: String)] = []
        var fence: Substring?
        var stepAbove: String?
        for (index, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1 + lineOffset
            let content = raw.drop { $0 == " " || $0 == ">" }
            if let open = fence {
                if content.hasPrefix(open) { fence = nil }
                continue
            }
            if content.hasPrefix("```") || content.hasPrefix("~~~") {
                fence = content.prefix { $0 == content.first }
                stepAbove = stepID(inInfo: content.dropFirst(fence?.count ?? 0)) ?? stepAbove
                continue
            }
            if content.hasPrefix(marker) {
                problems.append((line, "a <!--recorded--> marker starts the line, so CommonMark reads the line as raw HTML: move a word before it"))
            }
            var rest = raw[...]
            while let start = rest.firstRange(of: marker) {
                rest = rest[start.upperBound...]
                var named: String?
                if rest.first == ":", let end = rest.firstRange(of: "-->") {
                    named = String(rest[rest.index(after: rest.startIndex)..<end.lowerBound])
                    rest = rest[end.lowerBound...]
                }
                guard rest.hasPrefix("-->"), let span = codeSpan(at: rest.dropFirst(3)) else {
                    problems.append((line, "a <!--recorded--> marker must be followed at once by a `code span` on the same line"))
                    continue
                }
                quotes.append(RecordedQuote(text: span.text, stepID: named ?? stepAbove, line: line))
                rest = span.rest
            }
        }
        return (quotes, problems)
    }

    /// `step=ID` in a fence's info string.
    static func stepID(inInfo info: Substring) -> String? {
        guard let range = info.firstRange(of: "step=") else { return nil }
        let id = info[range.upperBound...].prefix { $0 != " " && $0 != "}" }
        return id.isEmpty ? nil : String(id)
    }

    /// The code span that starts `text` (any run of backticks, closed by the same run).
    static func codeSpan(at text: Substring) -> (text: String, rest: Substring)? {
        let ticks = text.prefix { $0 == "`" }
        guard !ticks.isEmpty else { return nil }
        let body = text.dropFirst(ticks.count)
        guard let close = body.firstRange(of: String(ticks)) else { return nil }
        var quoted = String(body[..<close.lowerBound])
        if quoted.count >= 2, quoted.first == " ", quoted.last == " " { quoted = String(quoted.dropFirst().dropLast()) }
        return (quoted, body[close.upperBound...])
    }
}
