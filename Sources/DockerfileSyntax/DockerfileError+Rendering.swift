extension DockerfileError {
    /// The compiler-style report: `FILE:LINE:COLUMN: error: MESSAGE`, then the offending line and a
    /// caret under the column. Tabs in the line are kept in the caret line so the caret lines up.
    public func rendered(fileName: String, source: SourceFile?) -> String {
        var out = "\(fileName):\(location.line):\(location.column): error: \(message)\n"
        let scalars: [Unicode.Scalar]
        if let source, location.line >= 1, location.line <= source.lines.count {
            scalars = source.lines[location.line - 1].scalars
        } else {
            scalars = []
        }
        out += String(String.UnicodeScalarView(scalars)) + "\n"
        var caret = String.UnicodeScalarView()
        for index in 0..<max(0, location.column - 1) {
            caret.append(index < scalars.count && scalars[index] == "\t" ? "\t" : " ")
        }
        caret.append("^")
        out += String(caret) + "\n"
        return out
    }
}
