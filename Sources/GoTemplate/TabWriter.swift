/// Go's `text/tabwriter` as Docker's tables use it (minimum width 10, padding 3, spaces): each
/// tab-terminated cell is padded to its column's width, where a column is a run of consecutive lines
/// that all have a cell there (Nick Gravgaard's elastic tabstops). The last cell of a line is not in
/// any column and is never padded.
public struct TabWriter: Sendable {
    public var minimumWidth = 10
    public var padding = 3

    public init(minimumWidth: Int = 10, padding: Int = 3) {
        self.minimumWidth = minimumWidth
        self.padding = padding
    }

    public func format(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        var output = ""
        var widths: [Int] = []
        var written = 0
        format(lines, from: 0, to: lines.count, widths: &widths, written: &written, output: &output)
        return output
    }

    /// Go's `format`: finds the blocks of lines that have a cell in the next column, sizes that
    /// column, and recurses into the columns to its right.
    private func format(_ lines: [[String]], from start: Int, to end: Int, widths: inout [Int],
                        written: inout Int, output: inout String) {
        let column = widths.count
        var line0 = start
        var this = start
        while this < end {
            if column >= lines[this].count - 1 { this += 1; continue }
            write(lines, upTo: this, widths: widths, written: &written, output: &output)
            line0 = this
            var width = minimumWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, Self.width(of: lines[this][column]) + padding)
                this += 1
            }
            widths.append(width)
            format(lines, from: line0, to: this, widths: &widths, written: &written, output: &output)
            widths.removeLast()
            line0 = this
        }
        write(lines, upTo: end, widths: widths, written: &written, output: &output)
    }

    /// Writes the lines not yet written, up to `end`, padding the cells that have a width.
    private func write(_ lines: [[String]], upTo end: Int, widths: [Int], written: inout Int, output: inout String) {
        while written < end {
            for (index, cell) in lines[written].enumerated() {
                output += cell
                if index < widths.count {
                    output += String(repeating: " ", count: max(0, widths[index] - Self.width(of: cell)))
                }
            }
            if written + 1 < lines.count { output += "\n" }
            written += 1
        }
    }

    /// A cell's width in characters (Go counts runes).
    static func width(of cell: String) -> Int { cell.unicodeScalars.count }
}
