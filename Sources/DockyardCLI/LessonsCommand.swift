import ArgumentParser
import FoundationEssentials
import CourseSite
import Lessons

/// `dockyard lessons`: tools for lesson authors.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "Check and list the lessons.",
        subcommands: [LessonsLintCommand.self, LessonsListCommand.self, LessonsProveCommand.self])
}

/// `dockyard lessons lint`: every lesson checked — attributes, step ids, translations, links.
struct LessonsLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Check every lesson: attributes, step ids, translations, names, links, and checks and quoted output against the recordings.")

    @Argument(help: "The lessons directory (default: the one dockyard learn uses).") var directory: String?

    func run() throws {
        let catalog = try LessonsListCommand.catalog(directory)
        let problems = LessonLinter(catalog: catalog, recordings: RecordingStore(lessonsDirectory: catalog.directory).recordedSteps()).lint()
        for problem in problems { print(problem) }
        let count = catalog.languages.map { catalog.slugs(language: $0).count }.reduce(0, +)
        if !problems.isEmpty {
            StandardError.line("dockyard: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(count) lesson files")
            throw ExitCode(1)
        }
        print("\(count) lesson files in \(catalog.languages.joined(separator: ", ")): no problems")
    }
}

/// `dockyard lessons list`: the lessons, their steps and what they need.
struct LessonsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lessons and their steps.", aliases: ["ls"])

    @Option(name: .long, help: "Language: en or ko.") var lang: String = "en"
    @Argument(help: "The lessons directory (default: the one dockyard learn uses).") var directory: String?

    func run() throws {
        let catalog = try Self.catalog(directory)
        for lesson in catalog.lessons(language: lang) {
            let steps = lesson.steps.map { $0.id + ($0.needsRoot ? "*" : "") }.joined(separator: " ")
            print("\(lesson.slug)\t\(lesson.front.title)\t\(steps)")
        }
    }

    static func catalog(_ directory: String?) throws -> LessonCatalog {
        if let directory { return LessonCatalog(directory: directory) }
        guard let catalog = LessonCatalog.locate(executable: LearnCommand.executablePath(),
                                                 environment: ProcessInfo.processInfo.environment) else {
            StandardError.line("dockyard: no lessons found: pass the directory or set DOCKYARD_LESSONS")
            throw ExitCode(1)
        }
        return catalog
    }
}
