/// Which of a step's kernel events the page shows under the command's output: the ones its text
/// talks about, not the 60–110 lines a container's start makes.
///
/// A step says which with `focus=`: texts of the lines the prose points at, several separated
/// by `|` (`focus="write 67108864|rmdir"`); the page shows those lines, highlighted, and the
/// line an `explains=` check reads. Without `focus=`, the lines whose tags `show=` names (as
/// `--explain` prints them in its left column; the course site draws its pictures from the same
/// tags), the `explains=` line highlighted. A step with neither sees the container's story in a
/// few lines: the clone with its new namespaces, pivot_root, exec and the exit (and a build's
/// steps and layers). The learner's `m` shows every event.
struct EventFocus {
    var tags: Set<String>
    var focus: [String]

    /// The story of a container start, for steps that name no tags.
    static let defaultTags: Set<String> = ["clone", "namespace", "pivot_root", "exec", "exit", "step", "layer", "config"]

    init(step: Step) {
        focus = step.focusTexts
        tags = focus.isEmpty ? step.shownTags ?? Self.defaultTags : []
        if let explains = step.attributes["explains"], !explains.isEmpty { focus.append(explains) }
    }

    /// One event line as shown: its text and whether the prose points at it.
    struct Line: Equatable {
        var text: String
        var highlighted: Bool
    }

    /// The lines to show, in the order the kernel made them.
    func select(_ lines: [String]) -> [Line] {
        lines.compactMap { line in
            let highlighted = focus.contains { !$0.isEmpty && line.contains($0) }
            guard highlighted || tags.contains(Self.tag(of: line)) else { return nil }
            return Line(text: line, highlighted: highlighted)
        }
    }

    /// The tag an explain line starts with (`cgroup`, `namespace`, …).
    static func tag(of line: String) -> String { String(line.prefix { $0 != " " }) }
}

extension Step {
    /// `focus="write 67108864|oom"`: the texts of the event lines the prose points at.
    public var focusTexts: [String] {
        attributes["focus"].map { $0.split(separator: "|").map(String.init) } ?? []
    }
}
