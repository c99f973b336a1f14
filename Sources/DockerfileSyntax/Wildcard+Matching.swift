extension Wildcard {
    /// For each position in `text`, whether the pattern started at `start` can end there.
    package func matchEnds(in text: [Unicode.Scalar], from start: Int) -> [Bool] {
        var reachable = [Bool](repeating: false, count: text.count + 1)
        reachable[start] = true
        for token in tokens {
            reachable = step(token, from: reachable, in: text, start: start)
        }
        return reachable
    }

    private func step(_ token: Token, from reachable: [Bool], in text: [Unicode.Scalar], start: Int) -> [Bool] {
        var next = [Bool](repeating: false, count: text.count + 1)
        switch token {
        case .literal(let c):
            for p in start..<text.count where reachable[p] && text[p] == c { next[p + 1] = true }
        case .anyCharacter:
            for p in start..<text.count where reachable[p] && text[p] != separator { next[p + 1] = true }
        case .characterClass(let negated, let ranges):
            for p in start..<text.count where reachable[p] && text[p] != separator {
                if ranges.contains(where: { $0.contains(text[p]) }) != negated { next[p + 1] = true }
            }
        case .anyRun:
            var on = false
            for p in start...text.count {
                if reachable[p] { on = true }
                next[p] = on
                if p < text.count && text[p] == separator { on = false }
            }
        case .anyDirectories:
            // (.*/)? : stay, or jump past any later separator.
            var on = false
            for p in start...text.count {
                if reachable[p] { next[p] = true; on = true }
                if on && p < text.count && text[p] == (separator ?? "/") { next[p + 1] = true }
            }
        case .anything:
            var on = false
            for p in start...text.count {
                if reachable[p] { on = true }
                next[p] = on
            }
        }
        return next
    }

    /// Parses a class whose `[` is just before `start`: `!` or `^` negates, a `]` first is a
    /// member, `\` escapes, `a-z` is a range. Returns the token and the index after `]`, or nil
    /// when the class never closes.
    package static func parseClass(_ chars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start
        var negated = false
        if i < chars.count, chars[i] == "^" || chars[i] == "!" {
            negated = true
            i += 1
        }
        var ranges: [ScalarRange] = []
        var firstInClass = true
        while i < chars.count {
            var c = chars[i]
            if c == "]" && !firstInClass { return (.characterClass(negated: negated, ranges: ranges), i + 1) }
            firstInClass = false
            if c == "\\" {
                i += 1
                guard i < chars.count else { return nil }
                c = chars[i]
            }
            i += 1
            if i + 1 < chars.count, chars[i] == "-", chars[i + 1] != "]" {
                var high = chars[i + 1]
                i += 2
                if high == "\\" {
                    guard i < chars.count else { return nil }
                    high = chars[i]
                    i += 1
                }
                ranges.append(ScalarRange(low: c.value, high: high.value))
            } else {
                ranges.append(ScalarRange(low: c.value, high: c.value))
            }
        }
        return nil
    }
}
