import ArgumentParser
import CourseSite
import FoundationEssentials
import Lessons
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard learn`: the terminal lessons. Without a lesson, the list; with one, that lesson
/// page by page; with `--auto`, every step run and checked without keys, as a transcript.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Learn how containers work, step by step, with real kernel objects.",
        discussion: """
        Keys in the list: arrows or a lesson's number choose, Enter starts, q quits. In a lesson: \
        Enter runs the step and, once it passed, goes on; e runs it again, n skips, p goes back, \
        h hint, c check again, m every kernel object, 1-9 answer a quiz, s an exercise's solution, r reset (asks first), \
        q back to the list. \
        Progress is saved in $XDG_STATE_HOME/dockyard (default ~/.local/state/dockyard). \
        As an ordinary user, steps run for real in rootless mode when the kernel allows it \
        (user namespaces, newuidmap and a range in /etc/subuid); a step that needs the host's root \
        is shown from its recorded real run, or simulated.
        """)

    @Argument(help: "The lesson, by number or name (default: the list).") var lesson: String?
    @Option(name: .long, help: "Open the lesson at this page (1-based).") var step: Int?
    @Option(name: .long, help: ArgumentHelp("Language: en or ko (default: from LC_ALL/LANG).", valueName: "en|ko"))
    var lang: String?
    @Flag(name: .long, help: "Run every step in the simulation, even as root.") var simulate = false
    @Flag(name: .long, help: "Run every step without keys and print the transcript.") var auto = false
    @Flag(name: .long, help: "Forget the lesson's progress and remove what it created, then start it.") var reset = false

    func validate() throws {
        if let lang, !["en", "ko"].contains(lang) { throw ValidationError("--lang must be en or ko, not \(lang)") }
        if let step, step < 1 { throw ValidationError("--step counts from 1") }
        if auto && lesson == nil { throw ValidationError("--auto needs a lesson (a number or a name, or all)") }
        if reset && lesson == nil { throw ValidationError("--reset needs the lesson to reset, by number or name") }
    }

    func run() throws {
        // The player is never inside the rootless holder (DockyardEntry skips `learn`): its shell
        // steps see the host as the learner's shell does; each `dockyard` step joins by itself.
        let environment = ProcessInfo.processInfo.environment
        let executable = Self.executablePath()
        guard let catalog = LessonCatalog.locate(executable: executable, environment: environment) else {
            StandardError.line("dockyard: no lessons found: set DOCKYARD_LESSONS to the lessons directory")
            throw ExitCode(1)
        }
        let language = lang ?? UIText.language(from: environment)
        let setup = PlayerSetup(
            catalog: catalog, language: language, dockyard: executable, environment: environment,
            mode: LearnerMode.choose(euid: geteuid(), simulate: simulate, probe: Self.rootlessProbe()),
            recordedSteps: RecordingStore(lessonsDirectory: catalog.directory).recordedSteps(),
            style: TerminalStyle.detect(fd: 1, environment: environment),
            width: Terminal.width(environment: environment), height: Terminal.height(environment: environment),
            progress: ProgressStore(directory: ProgressStore.stateDirectory(environment: environment)))

        var slugs: [String] = []
        if let lesson {
            if auto && lesson == "all" {
                slugs = catalog.slugs(language: "en")
            } else if let slug = catalog.resolve(lesson, language: language) {
                slugs = [slug]
            } else {
                StandardError.line("dockyard: no lesson \"\(lesson)\"; run dockyard learn to see the list")
                throw ExitCode(1)
            }
        }
        if reset, let slug = slugs.first, let found = setup.lesson(slug) {
            LessonReset(setup: setup).reset(found)
        }
        let terminal = Terminal()
        if auto {
            var failed = 0
            for slug in slugs {
                guard let found = setup.lesson(slug) else { continue }
                failed += AutoPlayer(setup: setup, terminal: terminal).play(found)
            }
            if failed > 0 { throw ExitCode(1) }
            return
        }
        InteractivePlayer(setup: setup, terminal: terminal).start(slug: slugs.first, page: step.map { $0 - 1 })
    }

    /// The running binary, so steps run this same `dockyard`.
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments.first ?? "dockyard" }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
