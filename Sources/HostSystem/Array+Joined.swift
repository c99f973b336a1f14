/// `joined(separator:)` for arrays of strings and substrings, made with String's own appends.
///
/// The standard library's `joined` is generic code that is not specialised into ours: its first
/// call for each collection type makes the Swift runtime search its whole table of protocol
/// conformances (~8,000 records, ~0.3 M instructions; docs/run-hot-path.md), and `run` met four
/// such first calls on its way to the container's start. These overloads are more specific than
/// the standard library's (an extension of Array itself, not of a protocol), so `[String]`'s and
/// `[Substring]`'s calls in every module that imports HostSystem come here. Same results.
extension Array where Element == String {
    public func joined(separator: String = "") -> String {
        var result = ""
        for (index, element) in enumerated() {
            if index > 0 { result += separator }
            result += element
        }
        return result
    }
}

extension Array where Element == Substring {
    public func joined(separator: String = "") -> String {
        var result = ""
        for (index, element) in enumerated() {
            if index > 0 { result += separator }
            result += String(element)
        }
        return result
    }
}
