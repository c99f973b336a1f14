/// How many terminal columns text takes, as a terminal draws it (Unicode's East Asian Width):
/// Hangul, CJK, kana and fullwidth forms take two columns, combining marks and Hangul's
/// trailing jamo none, and ANSI colour sequences none. Wrapping and padding count with this,
/// never with `String.count`, so Korean lines stop at the terminal's edge too.
enum DisplayWidth {
    /// The columns `text` takes, its ANSI escape sequences skipped.
    static func of(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += of(scalar)
        }
        return width
    }

    /// One scalar's columns: 0, 1 or 2.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if isWide(v) { return 2 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }  // jamo that join a syllable
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return 1
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, Unicode 15's EastAsianWidth.txt, merged.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
        0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
        0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
        0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
        0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC,
        0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
        0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
        0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid - 1 } else if v > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// Plain text broken into lines of at most `width` columns: at spaces where it can, inside a
    /// word longer than a line where it must. `first` starts the first line, `rest` the others
    /// (a hanging indent); both count towards the width. Spaces inside a line are kept as written
    /// (the aligned columns of an explain line); the spaces a line breaks at go.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var current = first
        var currentWidth = of(first)
        var lineHasWord = false
        let restWidth = of(rest)
        func flush() {
            lines.append(current)
            current = rest
            currentWidth = restWidth
            lineHasWord = false
        }
        for (gap, word) in words(text) {
            let wordWidth = of(word)
            if lineHasWord && currentWidth + gap + wordWidth > width { flush() }
            if lineHasWord {
                current += String(repeating: " ", count: gap)
                currentWidth += gap
            }
            for character in word {
                let w = of(String(character))
                if currentWidth + w > width && currentWidth > restWidth { flush() }
                current.append(character)
                currentWidth += w
            }
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The words of `text`, each with the number of spaces before it.
    static func words(_ text: String) -> [(gap: Int, word: String)] {
        var words: [(Int, String)] = []
        var gap = 0
        var word = ""
        for character in text {
            if character == " " {
                if !word.isEmpty { words.append((gap, word)); word = ""; gap = 0 }
                gap += 1
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append((gap, word)) }
        return words
    }

    /// A line of a command's output cut every `width` columns, every piece after `indent`:
    /// nothing is dropped or moved, so `ps` columns stay as the command printed them.
    static func hardWrap(_ line: String, width: Int, indent: String) -> [String] {
        let start = of(indent)
        var lines: [String] = []
        var current = indent
        var currentWidth = start
        for character in line {
            let w = of(String(character))
            if currentWidth + w > width && currentWidth > start {
                lines.append(current)
                current = indent
                currentWidth = start
            }
            current.append(character)
            currentWidth += w
        }
        lines.append(current)
        return lines
    }

    /// `text` cut to `width` columns, with `…` where it was cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }
}
