extension Array where Element == String {
    /// The strings with `separator` between them: what `joined(separator:)` gives, made with
    /// String's own appends. The standard library's `joined` is generic code that is not
    /// specialised into ours, and its first call for each collection type makes the Swift runtime
    /// search its whole table of protocol conformances (~0.3 M instructions each; see
    /// docs/run-hot-path.md). Used where `run` would pay that at every start.
    public func concatenated(separator: String) -> String {
        var result = ""
        for (index, element) in enumerated() {
            if index > 0 { result += separator }
            result += element
        }
        return result
    }
}
