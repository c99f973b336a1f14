import CourseSite
import Explain
import FoundationEssentials
import Lessons
import Testing

@Suite("Recordings")
struct RecordingTests {
    @Test("a recording round-trips through its JSON file and its events decode")
    func roundTrip() throws {
        let directory = SiteFixture.temporaryDirectory("recordings")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RecordingStore(directory: directory)
        let event = JSONLinesRenderer.line(for: Event(.cgroupWritten(path: "/sys/fs/cgroup/memory/x/memory.limit_in_bytes", value: "<67108864>")))
        let recording = LessonRecording(lesson: "99-test", language: "en", recordedAt: "2025-01-01T00:00:00Z",
                                        kernel: CourseRecorder.kernelName(),
                                        steps: [StepRecording(id: "a", passed: true, runs: [
                                            RunRecording(command: "dockyard run --rm busybox true", mode: "real", reason: nil,
                                                         status: 0, stdout: "<b>hi</b>\n", messages: "", events: [event])])])
        try store.save(recording)
        let loaded = try #require(store.load(slug: "99-test", language: "en"))
        #expect(loaded == recording)
        #expect(loaded.kernel.hasPrefix("Linux"))
        #expect(Event(jsonLine: loaded.steps[0].runs[0].events[0]) != nil)
    }

    @Test("the committed recordings cover every lesson in both languages")
    func committed() {
        let store = RecordingStore(lessonsDirectory: SiteFixture.root + "/lessons")
        let catalog = LessonCatalog(directory: SiteFixture.root + "/lessons")
        for language in ["en", "ko"] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: store.directory)) ?? []
            let expected = catalog.slugs(language: language).map { "\($0).\(language).json" }
            #expect(Set(files.filter { $0.hasSuffix(".\(language).json") }) == Set(expected))
        }
    }
}
