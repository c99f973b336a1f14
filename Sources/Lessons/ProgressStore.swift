#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import HostSystem

/// A learner's progress, kept in the XDG state directory
/// (`$XDG_STATE_HOME/dockyard/lessons.json`, by default `~/.local/state/dockyard/lessons.json`).
public struct Progress: Codable, Sendable, Equatable {
    /// Where one lesson stands.
    public struct Entry: Codable, Sendable, Equatable {
        /// The page the learner was on (0-based).
        public var page: Int = 0
        /// Ids of steps whose checks passed.
        public var passed: [String] = []
        public var finished: Bool = false
        /// Each quiz answered, by its number in the lesson (`quiz-1`, …, the same in every language).
        public var quizzes: [String: QuizResult] = [:]

        public init(page: Int = 0, passed: [String] = [], finished: Bool = false, quizzes: [String: QuizResult] = [:]) {
            self.page = page
            self.passed = passed
            self.finished = finished
            self.quizzes = quizzes
        }

        /// Files saved before quizzes were kept lack the key; they still load.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 0
            passed = try container.decodeIfPresent([String].self, forKey: .passed) ?? []
            finished = try container.decodeIfPresent(Bool.self, forKey: .finished) ?? false
            quizzes = try container.decodeIfPresent([String: QuizResult].self, forKey: .quizzes) ?? [:]
        }
    }

    /// How a quiz went: the choices tried, in order, and whether one of them was right.
    public struct QuizResult: Codable, Sendable, Equatable {
        public var tries: [Int]
        public var right: Bool

        public init(tries: [Int], right: Bool) {
            self.tries = tries
            self.right = right
        }
    }

    /// The lesson last opened, which `dockyard learn` offers to resume.
    public var current: String?
    public var lessons: [String: Entry] = [:]

    public init() {}

    public func entry(_ slug: String) -> Entry { lessons[slug] ?? Entry() }
}

/// Loads and saves `Progress` atomically (write to a temporary file, then rename).
public struct ProgressStore: Sendable {
    /// The state directory, `…/dockyard`.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$XDG_STATE_HOME/dockyard`, or `$HOME/.local/state/dockyard`.
    public static func stateDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/dockyard" }
        return (environment["HOME"] ?? "/tmp") + "/.local/state/dockyard"
    }

    var file: String { directory + "/lessons.json" }

    /// The lesson's scratch directory, where its steps run.
    public func workDirectory(for slug: String) -> String { directory + "/work/" + slug }

    public func load() -> Progress {
        guard let data = FileManager.default.contents(atPath: file),
              let progress = try? JSONDecoder().decode(Progress.self, from: data) else { return Progress() }
        return progress
    }

    public func save(_ progress: Progress) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(progress) else { return }
        try? AtomicFile.replace(Array(data), at: file, durable: false)
    }
}
