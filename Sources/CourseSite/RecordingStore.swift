import FoundationEssentials

/// The recordings directory next to the lessons: one JSON file per lesson and language.
public struct RecordingStore: Sendable {
    /// `lessons/recordings`.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The store beside a lessons directory.
    public init(lessonsDirectory: String) { self.directory = lessonsDirectory + "/recordings" }

    public func path(slug: String, language: String) -> String { "\(directory)/\(slug).\(language).json" }

    /// The recording of one lesson in one language; nil when there is none (or it cannot be read).
    public func load(slug: String, language: String) -> LessonRecording? {
        guard let data = FileManager.default.contents(atPath: path(slug: slug, language: language)) else { return nil }
        return try? JSONDecoder().decode(LessonRecording.self, from: data)
    }

    /// Writes a recording, pretty-printed with sorted keys so a re-recording diffs well.
    public func save(_ recording: LessonRecording) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(recording)
        data.append(0x0A)
        try data.write(to: URL(fileURLWithPath: path(slug: recording.lesson, language: recording.language)))
    }
}
