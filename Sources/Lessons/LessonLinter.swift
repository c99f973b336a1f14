import FoundationEssentials

/// `dockyard lessons lint`: what must hold for every lesson before a learner sees it —
/// the parser's own diagnostics (unknown attributes, steps without a language, malformed
/// quizzes), unique step ids, translations with the same steps, lesson-prefixed names for
/// anything a lesson creates, links that lead somewhere, and the truth checks of
/// `LessonTruthLinter` against the recorded real runs.
public struct LessonLinter: Sendable {
    public var catalog: LessonCatalog
    /// The recorded real runs that quoted output and checks are held to (`lessons/recordings`).
    public var recordings: RecordedSteps

    public init(catalog: LessonCatalog, recordings: @escaping RecordedSteps = { _, _ in [:] }) {
        self.catalog = catalog
        self.recordings = recordings
    }

    /// Every problem in every lesson; empty when all is well.
    public func lint() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let languages = catalog.languages
        if !languages.contains("en") {
            problems.append(Diagnostic(path: catalog.directory, line: 0, message: "no en/ directory of lessons"))
        }
        let allSlugs = Set(languages.flatMap { catalog.slugs(language: $0) })
        for slug in allSlugs.sorted() {
            var byLanguage: [String: Lesson] = [:]
            for language in languages {
                guard let lesson = catalog.load(slug: slug, language: language) else {
                    problems.append(Diagnostic(path: catalog.path(slug: slug, language: language), line: 0,
                                               message: "missing translation of \(slug) (\(language))"))
                    continue
                }
                byLanguage[language] = lesson
                problems += lint(lesson)
            }
            if let english = byLanguage["en"] {
                for (language, other) in byLanguage where language != "en" {
                    problems += compare(english, other)
                }
            }
        }
        return problems
    }

    /// Problems within one lesson.
    public func lint(_ lesson: Lesson) -> [Diagnostic] {
        var problems = lesson.diagnostics
        func report(_ line: Int, _ message: String) {
            problems.append(Diagnostic(path: lesson.path, line: line, message: message))
        }
        if lesson.front.summary.isEmpty { report(1, "the front matter has no summary") }
        if !["optional", "required"].contains(lesson.front.root) { report(1, "root: must be optional or required") }
        var seen: [String: Int] = [:]
        for step in lesson.steps {
            if let first = seen[step.id] { report(step.line, "duplicate step id \(step.id) (first on line \(first))") }
            seen[step.id] = seen[step.id] ?? step.line
            if let root = step.attributes["root"], !["required", "no"].contains(root) {
                report(step.line, "step \(step.id): root= must be required or no")
            }
            if let rootless = step.attributes["rootless"], RootlessLimit(rawValue: rootless) == nil {
                let kinds = RootlessLimit.allCases.map { $0.rawValue }.joined(separator: ", ")
                report(step.line, "step \(step.id): rootless= must be one of \(kinds)")
            }
            if let simulate = step.attributes["simulate"], simulate != "always" {
                report(step.line, "step \(step.id): simulate= can only be always")
            }
            if let status = step.attributes["status"], Int32(status) == nil {
                report(step.line, "step \(step.id): status= must be a number")
            }
            if let pattern = step.attributes["matches"], (try? Regex(pattern)) == nil {
                report(step.line, "step \(step.id): matches= is not a valid regular expression")
            }
            if step.commands.isEmpty { report(step.line, "step \(step.id) has no commands") }
            if step.isExercise && step.liveChecks.isEmpty {
                report(step.line, "exercise \(step.id) has no ```check block: an exercise is judged on live state, not on what its commands print")
            }
            if step.language == "dockyard" {
                for command in step.commands where !command.hasPrefix("dockyard ") {
                    report(step.line, "step \(step.id): a dockyard step runs only dockyard commands, not \"\(command)\"")
                }
            }
        }
        let cleanup = LessonCleanup(lesson: lesson)
        for name in cleanup.containerNames + cleanup.imageNames where !LessonCleanup.isLessonName(name) {
            report(1, "\"\(name)\" must start with lesson- so reset and finish can clean it up")
        }
        let directory = String(lesson.path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
        for link in lesson.links {
            problems += lint(link, directory: directory, lesson: lesson)
        }
        problems += LessonTruthLinter(recordings: recordings).lint(lesson)
        return problems
    }

    func lint(_ link: Link, directory: String, lesson: Lesson) -> [Diagnostic] {
        let url = link.url
        if url.isEmpty { return [Diagnostic(path: lesson.path, line: link.line, message: "an empty link")] }
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            let host = url.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
            return host.contains(".") ? [] : [Diagnostic(path: lesson.path, line: link.line, message: "broken link \(url)")]
        }
        if url.hasPrefix("#") || url.hasPrefix("mailto:") { return [] }
        let file = String(url.prefix { $0 != "#" })
        let target = file.hasPrefix("/") ? file : directory + "/" + file
        return FileManager.default.fileExists(atPath: target) ? []
            : [Diagnostic(path: lesson.path, line: link.line, message: "broken link \(url): no file \(target)")]
    }

    /// A translation must have the same steps, in the same order, with the same attributes'
    /// meaning (ids, languages, checks), and the same number of quizzes.
    func compare(_ english: Lesson, _ other: Lesson) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let a = english.steps.map(\.id), b = other.steps.map(\.id)
        if a != b {
            problems.append(Diagnostic(path: other.path, line: 1,
                                       message: "steps differ from \(english.path): [\(b.joined(separator: ", "))] vs [\(a.joined(separator: ", "))]"))
        } else {
            for (s, t) in zip(english.steps, other.steps) where s.code != t.code || s.attributes != t.attributes || s.language != t.language || s.liveChecks != t.liveChecks {
                problems.append(Diagnostic(path: other.path, line: t.line,
                                           message: "step \(t.id) differs from the English one (code, attributes and checks must match)"))
            }
        }
        if english.quizzes.count != other.quizzes.count {
            problems.append(Diagnostic(path: other.path, line: 1, message: "\(other.quizzes.count) quizzes, English has \(english.quizzes.count)"))
        } else {
            for (q, r) in zip(english.quizzes, other.quizzes) where q.answers != r.answers || q.choices.count != r.choices.count {
                problems.append(Diagnostic(path: other.path, line: r.line, message: "this quiz's choices or answers differ from the English one"))
            }
        }
        if english.front.root != other.front.root || english.front.cleanup != other.front.cleanup {
            problems.append(Diagnostic(path: other.path, line: 1, message: "front matter root/cleanup differ from the English lesson"))
        }
        if (english.front.part == nil) != (other.front.part == nil) {
            problems.append(Diagnostic(path: other.path, line: 1,
                                       message: "a part starts here in one language only: give both lessons a part: line, or neither"))
        }
        return problems
    }
}
