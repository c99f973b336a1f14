import Explain

/// The part of `lessons lint` that keeps a lesson honest: a check must be passed by what the
/// kernel and the container did, not by the step's own command text coming back in the output
/// (`ps` listing `sh -c 'sleep 1 & ps'` "contains" sleep whether or not a sleep is alive), and
/// prose that quotes output (`<!--recorded-->` + a code span, see `RecordedQuote`) must quote
/// what the step's recorded real run printed.
public struct LessonTruthLinter: Sendable {
    /// The recorded real runs, by lesson and language (`lessons/recordings`).
    public var recordings: RecordedSteps

    public init(recordings: @escaping RecordedSteps) { self.recordings = recordings }

    /// The problems in one lesson: checks that would pass on their command's text, checks that
    /// pass on the recording only through lines echoing the command, and unfounded quotes.
    public func lint(_ lesson: Lesson) -> [Diagnostic] {
        var problems: [(line: Int, message: String)] = []
        let recorded = recordings(lesson.slug, lesson.language)
        for step in lesson.steps {
            problems += Self.checksInCommand(step).map { (step.line, $0) }
            if let runs = recorded[step.id] {
                problems += Self.checksOnlyOnEcho(step, runs).map { (step.line, $0) }
            }
        }
        let (quotes, markerProblems) = RecordedQuote.scan(lesson.markdown, lineOffset: lesson.markdownLineOffset)
        problems += markerProblems
        let steps = Set(lesson.steps.map(\.id))
        for quote in quotes {
            guard let id = quote.stepID, steps.contains(id) else {
                problems.append((quote.line, "quoted output `\(quote.text)` names no step of this lesson (\(quote.stepID ?? "none above it"))"))
                continue
            }
            guard let runs = recorded[id] else {
                problems.append((quote.line, "quoted output `\(quote.text)`: step \(id) has no recorded real run (dockyard course record \(lesson.number))"))
                continue
            }
            let output = RecordedQuote.folded(Self.recordedText(runs))
            for part in quote.parts where !output.contains(part) {
                problems.append((quote.line, "the prose quotes `\(part)`, which step \(id)'s recorded run does not show"))
            }
        }
        return problems.map { Diagnostic(path: lesson.path, line: $0.line, message: $0.message) }
    }

    /// A `contains=`/`explains=` text in the step's own command line, or a `matches=` pattern that
    /// matches a command line: such a check can pass on an echo of the command.
    static func checksInCommand(_ step: Step) -> [String] {
        var problems: [String] = []
        for check in step.checks {
            switch check {
            case let .outputContains(text), let .explains(text):
                if let command = step.commands.first(where: { $0.contains(text) }) {
                    problems.append("step \(step.id): the check's text \"\(text)\" is in the command itself (\(command)): check for something only the run can print")
                }
            case let .outputMatches(pattern):
                if let regex = try? Regex(pattern), let command = step.commands.first(where: { $0.firstMatch(of: regex) != nil }) {
                    problems.append("step \(step.id): matches=\"\(pattern)\" matches the command itself (\(command)): check for something only the run can print")
                }
            case .status, .live:
                continue
            }
        }
        return problems
    }

    /// The output checks judged on the recording with every line that echoes a command removed
    /// (a `ps` line showing the shell's argv, an error quoting the command): they must still pass.
    static func checksOnlyOnEcho(_ step: Step, _ runs: [RecordedRun]) -> [String] {
        let echoes = step.commands.flatMap(commandTails)
        let lines = runs.flatMap { ($0.stdout + $0.messages).split(separator: "\n") }
        let kept = lines.filter { line in !echoes.contains { line.contains($0) } }
        var problems: [String] = []
        for check in step.checks {
            switch check {
            case let .outputContains(text):
                if !kept.contains(where: { $0.contains(text) }), lines.contains(where: { $0.contains(text) }) {
                    problems.append("step \(step.id): contains=\"\(text)\" passes only on a line that echoes the command")
                }
            case let .outputMatches(pattern):
                guard let regex = try? Regex(pattern) else { continue }
                if !kept.contains(where: { $0.firstMatch(of: regex) != nil }), lines.contains(where: { $0.firstMatch(of: regex) != nil }) {
                    problems.append("step \(step.id): matches=\"\(pattern)\" passes only on a line that echoes the command")
                }
            case .status, .explains, .live:
                continue
            }
        }
        return problems
    }

    /// What an echo of a command looks like in output: any run of its last two or more words, as
    /// `ps` or an error message joins them (`-c sleep 1 & ps`), and a last word with spaces (a script).
    static func commandTails(_ command: String) -> [String] {
        let words = ShellWords.split(command)
        guard words.count >= 2 else { return [command] }
        var tails = (0..<(words.count - 1)).map { words[$0...].joined(separator: " ") }
        if let last = words.last, last.contains(" ") { tails.append(last) }
        return tails
    }

    /// Everything a step's recorded runs showed: output, messages and the explain lines.
    static func recordedText(_ runs: [RecordedRun]) -> String {
        runs.map { run in
            ([run.stdout, run.messages] + run.events.map(TextRenderer.line(for:))).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
