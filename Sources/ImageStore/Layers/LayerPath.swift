/// The rules a path inside a layer tarball must follow before anything is written for it:
/// relative, no `..`, and whiteout names that name something.
enum LayerPath {
    /// The path's components with `.` and empty ones dropped; `[]` for the layer root.
    /// Refuses absolute paths and any `..` component.
    static func components(of raw: String, entry: String) throws(ImageStoreError) -> [String] {
        if raw.hasPrefix("/") {
            throw unsafe(entry, "it has an absolute path")
        }
        var result: [String] = []
        for component in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { throw unsafe(entry, "its path contains '..'") }
            result.append(String(component))
        }
        return result
    }

    static func unsafe(_ entry: String, _ why: String) -> ImageStoreError {
        ImageStoreError(.unsafeLayer, "refusing layer entry \"\(entry)\": \(why)")
    }
}
