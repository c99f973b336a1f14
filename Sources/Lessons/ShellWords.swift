/// Splits a command line into words as a POSIX shell would for the simple cases lessons use:
/// spaces separate words, single quotes keep everything, double quotes keep all but `\"` and `\\`.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c); escaped = false; continue
            }
            if let q = quote {
                if c == q { quote = nil }
                else if q == "\"" && c == "\\" { escaped = true }
                else { current.append(c) }
                continue
            }
            switch c {
            case "'", "\"": quote = c; inWord = true
            case "\\": escaped = true; inWord = true
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(c); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
