/// The wildcard patterns of `${VAR#pattern}`, `${VAR%pattern}` and `${VAR/pattern/replacement}`:
/// `*` is any run of characters, `?` any one character, and `\` makes `*`, `?` or `\` literal.
/// Shell rules, not a path's: `*` runs across `/`, and there are no classes (see `Wildcard`).
struct ShellPattern {
    let wildcard: Wildcard

    /// nil for an escape of anything other than `*`, `?`, `\` (Docker refuses those too).
    init?(_ text: String) {
        var tokens: [Wildcard.Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            switch c {
            case "*": tokens.append(.anyRun)
            case "?": tokens.append(.anyCharacter)
            case "\\":
                if i < chars.count, chars[i] == "}" || chars[i] == "/" { continue }
                guard i < chars.count, chars[i] == "*" || chars[i] == "?" || chars[i] == "\\" else { return nil }
                tokens.append(.literal(chars[i]))
                i += 1
            default: tokens.append(.literal(c))
            }
        }
        wildcard = Wildcard(tokens: tokens, separator: nil)
    }

    /// Every end position at which the pattern, started at `start`, matches `text`.
    func matchEnds(in text: [Unicode.Scalar], from start: Int) -> [Bool] {
        wildcard.matchEnds(in: text, from: start)
    }

    func removingPrefix(of value: String, longest: Bool) -> String {
        let text = Array(value.unicodeScalars)
        let ends = matchEnds(in: text, from: 0)
        let candidates = longest ? Array((0...text.count).reversed()) : Array(0...text.count)
        guard let end = candidates.first(where: { ends[$0] }) else { return value }
        return String(scalars: text[end...])
    }

    func removingSuffix(of value: String, longest: Bool) -> String {
        let text = Array(value.unicodeScalars)
        let starts = longest ? Array(0...text.count) : Array((0...text.count).reversed())
        guard let start = starts.first(where: { matchEnds(in: text, from: $0)[text.count] }) else { return value }
        return String(scalars: text[..<start])
    }

    /// Replaces the leftmost (longest) match, or every non-overlapping match.
    func replacing(in value: String, with replacement: String, all: Bool) -> String {
        let text = Array(value.unicodeScalars)
        var out = [Unicode.Scalar]()
        var position = 0
        var replacedOnce = false
        while position <= text.count {
            if !(replacedOnce && !all) {
                let ends = matchEnds(in: text, from: position)
                if let end = (position...text.count).reversed().first(where: { ends[$0] }) {
                    out.append(contentsOf: replacement.unicodeScalars)
                    replacedOnce = true
                    if end > position {
                        position = end
                        continue
                    }
                }
            }
            guard position < text.count else { break }
            out.append(text[position])
            position += 1
        }
        return String(scalars: out)
    }
}
