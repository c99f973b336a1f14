import ArgumentParser
import CourseSite
import FoundationEssentials
import Lessons
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard course`: the lessons as a static website, with transcripts recorded from real runs.
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "Record the lessons' runs and build the static HTML course.",
        subcommands: [CourseRecordCommand.self, CourseBuildCommand.self])

    /// The lessons directory, as `dockyard learn` finds it.
    static func catalog() throws -> LessonCatalog {
        let environment = ProcessInfo.processInfo.environment
        guard let catalog = LessonCatalog.locate(executable: LearnCommand.executablePath(), environment: environment) else {
            StandardError.line("dockyard: no lessons found: set DOCKYARD_LESSONS to the lessons directory")
            throw ExitCode(1)
        }
        return catalog
    }
}

/// `dockyard course record`: runs every lesson's steps for real (as root, or as an ordinary user
/// in rootless mode) and stores what they printed and the kernel objects they made in
/// `lessons/recordings/`.
struct CourseRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Run every lesson's steps and store their output and kernel events (needs root or rootless mode).",
        discussion: """
            Recordings go to lessons/recordings/<lesson>.<lang>.json, with the time and the kernel they were made on. \
            Run by an ordinary user in rootless mode (lesson 14), a step only the host's root can run keeps its run from \
            the recording made as root.
            """)

    @Argument(help: "Lessons to record, by number or name (default: all).") var lessons: [String] = []
    @Option(name: .long, help: ArgumentHelp("Only this language.", valueName: "en|ko")) var lang: String?
    @Flag(name: .long, help: "Record the simulation instead (no root needed; marked as simulated).") var simulate = false
    @Option(name: .long, help: ArgumentHelp("Keep only this step's new run (repeatable); every step still runs, the others keep their recordings.", valueName: "ID"))
    var step: [String] = []

    func run() throws {
        let mode = LearnerMode.choose(euid: geteuid(), simulate: simulate, probe: LearnCommand.rootlessProbe())
        if case .simulation = mode, !simulate {
            StandardError.line("dockyard: course record runs the lessons for real and needs root or rootless mode (or --simulate)")
            throw ExitCode(1)
        }
        let catalog = try CourseCommand.catalog()
        let store = RecordingStore(lessonsDirectory: catalog.directory)
        let recorder = CourseRecorder(dockyard: LearnCommand.executablePath(), environment: ProcessInfo.processInfo.environment,
                                      mode: mode, workRoot: FileManager.default.temporaryDirectory.path + "/dockyard-course-record")
        let languages = lang.map { [$0] } ?? catalog.languages
        for language in languages {
            let slugs = lessons.isEmpty ? catalog.slugs(language: language) : lessons.compactMap { catalog.resolve($0, language: language) }
            for slug in slugs {
                guard let lesson = catalog.load(slug: slug, language: language) else { continue }
                let ids = Set(lesson.steps.map(\.id))
                if let unknown = step.first(where: { !ids.contains($0) }) {
                    StandardError.line("dockyard: lesson \(slug) has no step \"\(unknown)\" (its steps: \(lesson.steps.map(\.id).joined(separator: ", ")))")
                    throw ExitCode(1)
                }
                let recording = recorder.record(lesson, previous: store.load(slug: slug, language: language), only: Set(step))
                try store.save(recording)
                let failed = recording.steps.filter { !$0.passed }.count
                print("recorded \(language)/\(slug): \(recording.steps.count) steps" + (failed > 0 ? ", \(failed) failed their checks" : ""))
            }
        }
    }
}

/// `dockyard course build`: the static site, from the lessons and their recordings.
struct CourseBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the static HTML course (works from file://).")

    @Option(name: .shortAndLong, help: ArgumentHelp("Output directory (default: site/public).", valueName: "DIR")) var output: String?
    @Option(name: .long, help: ArgumentHelp("Only this language.", valueName: "en|ko")) var lang: String?

    func validate() throws {
        if let lang, !["en", "ko"].contains(lang) { throw ValidationError("--lang must be en or ko, not \(lang)") }
    }

    func run() throws {
        let catalog = try CourseCommand.catalog()
        let root = String(catalog.directory.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
        let site = (root.isEmpty ? "." : root) + "/site"
        // A step nobody recorded is shown from the simulation, run by this same binary.
        let simulation = StepSimulation(dockyard: LearnCommand.executablePath(), environment: ProcessInfo.processInfo.environment)
        let builder = CourseSiteBuilder(catalog: catalog, recordings: RecordingStore(lessonsDirectory: catalog.directory),
                                        siteDirectory: site, simulation: simulation)
        let target = output ?? site + "/public"
        do {
            let summary = try builder.build(to: target, languages: lang.map { [$0] })
            let simulated = summary.simulatedSteps > 0 ? ", \(summary.simulatedSteps) shown from the simulation" : ""
            print("built \(summary.pages) pages (\(summary.lessons) lessons, \(summary.recordedSteps)/\(summary.steps) steps recorded\(simulated)) in \(target)")
        } catch let error as CourseSiteError {
            StandardError.line("dockyard: " + error.message)
            throw ExitCode(1)
        }
    }
}
