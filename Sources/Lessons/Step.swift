/// A runnable fenced block: ```` ```sh {step=hostname root=required} ````.
///
/// `dockyard` steps are Dockyard's own commands, run as the real binary with `--explain=json`
/// so the player can show the kernel objects each one made; `sh` steps run in the host's shell.
public struct Step: Sendable, Equatable {
    /// The block's language, its first info word: `sh` or `dockyard`.
    public var language: String
    /// The `step=` attribute: unique in the lesson, the same in every translation.
    public var id: String
    /// The block's text: commands, one per line (a trailing `\` continues a line).
    public var code: String
    public var attributes: Attributes
    /// Blockquotes after the step that start with "Hint:" (or "힌트:").
    public var hints: [[ProseBlock]]
    /// The line of the opening fence.
    public var line: Int
    /// An exercise's live checks: the ```` ```check ```` block right after it (`ExerciseCheck`).
    public var liveChecks: [ExerciseCheck] = []

    /// `root=required`: without root the step runs in simulation (`dockyard run`) or is skipped.
    public var needsRoot: Bool { attributes["root"] == "required" }

    /// `simulate=always`: the engine lacks the feature, so even root sees the simulation.
    public var alwaysSimulated: Bool { attributes["simulate"] == "always" }

    /// `exercise`: the learner types the command; the block holds a solution `--auto` runs.
    public var isExercise: Bool { attributes.has("exercise") }

    /// `fresh="lesson-a lesson-b"`: the containers an exercise's try makes, removed before each
    /// try so a second try does not meet "name already in use".
    public var freshContainers: [String] {
        (attributes["fresh"].map { ShellWords.split($0) } ?? []).filter { $0.hasPrefix("lesson-") }
    }

    /// `fresh="… shared"`: the other words are files or directories a try makes in the lesson's
    /// directory, removed before each try so an earlier try's file cannot pass a later one.
    /// Only plain relative paths count: nothing outside `$LESSON_DIR` is ever removed.
    public var freshPaths: [String] {
        (attributes["fresh"].map { ShellWords.split($0) } ?? []).filter { word in
            !word.hasPrefix("lesson-") && !word.hasPrefix("/") && !word.split(separator: "/").contains("..") && !word.isEmpty
        }
    }

    /// The checks the attributes ask for, in a fixed order.
    public var checks: [Check] {
        var checks: [Check] = []
        if let s = attributes["status"], let status = Int32(s) { checks.append(.status(status)) }
        if let text = attributes["contains"] { checks.append(.outputContains(text)) }
        if let pattern = attributes["matches"] { checks.append(.outputMatches(pattern)) }
        if let text = attributes["explains"] { checks.append(.explains(text)) }
        return checks
    }

    /// `show=namespace,cgroup`: only the explain lines with these tags are shown (all if absent).
    public var shownTags: Set<String>? {
        attributes["show"].map { Set($0.split(separator: ",").map { String($0) }) }
    }

    /// The commands of the block: continuation lines joined, blank lines and `#` comments dropped.
    public var commands: [String] {
        var commands: [String] = []
        var pending = ""
        for raw in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let whole = pending + line
            pending = ""
            let trimmed = whole.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            commands.append(trimmed)
        }
        if !pending.trimmingSpaces.isEmpty { commands.append(pending.trimmingSpaces) }
        return commands
    }
}

/// What must be true after a step ran; attributes on the step's fence declare them.
public enum Check: Sendable, Equatable {
    /// `status=N`: the (last) command exits with N (default: every command exits 0).
    case status(Int32)
    /// `contains="text"`: the output, stdout and stderr, contains the text.
    case outputContains(String)
    /// `matches="regex"`: some line of the output matches.
    case outputMatches(String)
    /// `explains="text"`: some explain line, as `--explain` words it, contains the text — a
    /// kernel fact such as `memory.limit_in_bytes` being written with 67108864.
    case explains(String)
    /// An exercise's check of live state, read after the learner's commands ran.
    case live(ExerciseCheck)
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
