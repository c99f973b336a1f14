/// Docker's wildcards for COPY and ADD sources (Go's filepath.Match, one path component at a
/// time): `*` any run of characters but `/`, `?` one character, `[a-z]` and `[!a-z]` classes,
/// and `\` to take the next character literally.
enum Glob {
    static func hasWildcards(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// Whether `name` (one path component) matches `pattern` (one component).
    static func matches(_ pattern: String, _ name: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(name.unicodeScalars), 0)
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ n: [Unicode.Scalar], _ ni: Int) -> Bool {
        var pi = pi, ni = ni
        while pi < p.count {
            switch p[pi] {
            case "*":
                if pi == p.count - 1 { return true }
                for start in ni...n.count where match(p, pi + 1, n, start) { return true }
                return false
            case "?":
                guard ni < n.count else { return false }
            case "[":
                guard ni < n.count, let (matched, next) = matchClass(p, pi + 1, n[ni]) else { return false }
                guard matched else { return false }
                pi = next
                ni += 1
                continue
            case "\\" where pi + 1 < p.count:
                pi += 1
                guard ni < n.count, n[ni] == p[pi] else { return false }
            default:
                guard ni < n.count, n[ni] == p[pi] else { return false }
            }
            pi += 1
            ni += 1
        }
        return ni == n.count
    }

    /// Matches `c` against the class starting after `[`; returns whether it matched and the
    /// index after `]`, or nil for a class with no closing bracket.
    private static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start
        var negate = false
        if i < p.count, p[i] == "!" || p[i] == "^" { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count, p[i] != "]" || first {
            first = false
            var low = p[i]
            if low == "\\", i + 1 < p.count { i += 1; low = p[i] }
            var high = low
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                high = p[i + 2]
                if high == "\\", i + 3 < p.count { i += 1; high = p[i + 2] }
                i += 2
            }
            if low.value <= c.value && c.value <= high.value { matched = true }
            i += 1
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}
