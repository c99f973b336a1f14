import ImageStore

/// Turns COPY/ADD source arguments into the paths they name in a source file system: the path is
/// cleaned and must stay inside the source (`COPY ../x` fails), wildcards expand per component,
/// and symlinks are never followed on the way (a link in the context is copied as a link).
struct SourceResolver {
    let source: any SourceFileSystem
    /// Names the source in messages: "build context", "stage build", "image alpine".
    let sourceName: String

    /// Absolute, cleaned paths of what `pattern` names, sorted; throws if nothing matches.
    func resolve(_ pattern: String) throws(BuildError) -> [String] {
        let components = try Self.clean(pattern, sourceName: sourceName)
        var matches = [""]
        for component in components {
            var next: [String] = []
            // A wildcard component is compiled once, not once for every name it is tried on.
            let wildcard = Glob.hasWildcards(component) ? Glob.compile(component) : nil
            for parent in matches {
                if parent != "" {
                    // Descend only through real directories: a symlink could lead out of the context.
                    guard let item = source.item(at: parent), item.isDirectory else { continue }
                }
                if Glob.hasWildcards(component) {
                    next += source.names(in: parent.isEmpty ? "/" : parent)
                        .filter { wildcard?.matches($0) ?? false }.map { parent + "/" + $0 }
                } else {
                    next.append(parent + "/" + component)
                }
            }
            matches = next
        }
        let found = matches.map { $0.isEmpty ? "/" : $0 }.filter { source.item(at: $0) != nil }
        guard !found.isEmpty else {
            throw BuildError("\"\(pattern)\": not found in the \(sourceName) (or excluded by .dockerignore)")
        }
        return found.sorted()
    }

    /// The path's components after removing "." and resolving "..", refusing to climb above the root.
    static func clean(_ path: String, sourceName: String) throws(BuildError) -> [String] {
        var components: [String] = []
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else {
                    throw BuildError("\"\(path)\": forbidden path outside the \(sourceName)")
                }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        return components
    }
}
