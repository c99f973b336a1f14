/// The line of keys under a page (`[Enter] run  [p] previous  …`), laid out to the terminal's
/// width in display columns: an item never breaks, and the bar takes a second line rather than
/// running past the edge (Korean labels are twice as wide as they look in `count`).
struct KeyBar {
    var items: [String]
    var width: Int

    var lines: [String] {
        var lines: [String] = []
        var current = ""
        for item in items {
            if !current.isEmpty && DisplayWidth.of(current) + 2 + DisplayWidth.of(item) > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : "  ") + item
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
