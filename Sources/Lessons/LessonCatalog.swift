import FoundationEssentials

/// The lessons on disk: `lessons/<language>/<NN-slug>.md`, the same slugs in every language.
public struct LessonCatalog: Sendable {
    /// The `lessons` directory.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Finds the lessons: `$DOCKYARD_LESSONS`, else a `lessons/` directory next to or above the
    /// running binary (a SwiftPM build inside the repository), else the current directory's,
    /// else the installed `/usr/share/dockyard/lessons`.
    public static func locate(executable: String, environment: [String: String]) -> LessonCatalog? {
        if let dir = environment["DOCKYARD_LESSONS"], !dir.isEmpty { return LessonCatalog(directory: dir) }
        var candidates: [String] = []
        var components = executable.split(separator: "/").map(String.init)
        while !components.isEmpty {
            components.removeLast()
            candidates.append("/" + components.joined(separator: "/") + (components.isEmpty ? "" : "/") + "lessons")
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/lessons")
        candidates += ["/usr/local/share/dockyard/lessons", "/usr/share/dockyard/lessons"]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/en") {
            return LessonCatalog(directory: candidate)
        }
        return nil
    }

    /// The language directories present, e.g. ["en", "ko"]: those holding lessons (not `recordings`).
    public var languages: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { !slugs(language: $0).isEmpty }
            .sorted()
    }

    /// The slugs of one language, in order.
    public func slugs(language: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + language)) ?? [])
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }
            .map { String($0.dropLast(3)) }
            .sorted()
    }

    public func path(slug: String, language: String) -> String { "\(directory)/\(language)/\(slug).md" }

    /// Reads and parses one lesson; nil when the file is missing or not UTF-8.
    public func load(slug: String, language: String) -> Lesson? {
        let path = path(slug: slug, language: language)
        guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self) else {
            return nil
        }
        return LessonParser.parse(text, slug: slug, language: language, path: path)
    }

    /// Every lesson of a language, in order; falls back to English for a missing translation.
    public func lessons(language: String) -> [Lesson] {
        let slugs = Set(slugs(language: language)).union(slugs(language: "en")).sorted()
        return slugs.compactMap { load(slug: $0, language: language) ?? load(slug: $0, language: "en") }
    }

    /// The slug a learner means: a number (`3`, `03`), a whole slug, or a slug without its number.
    public func resolve(_ name: String, language: String) -> String? {
        let slugs = Set(slugs(language: language)).union(slugs(language: "en")).sorted()
        if let number = Int(name) {
            return slugs.first { Int($0.prefix { $0.isNumber }) == number }
        }
        return slugs.first { $0 == name } ?? slugs.first { $0.drop { $0.isNumber || $0 == "-" } == name }
    }
}
