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
