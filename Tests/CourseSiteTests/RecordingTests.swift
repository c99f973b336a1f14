import CourseSite
import Explain
import FoundationEssentials
import Lessons
import Testing

@Suite("Recordings")
struct RecordingTests {
    @Test("course record --step keeps every other step, and the time and kernel, as they were; a step the old recording lacks is added")
    func mergesOnlyTheNamedSteps() {
        func step(_ id: String, _ output: String) -> StepRecording {
            StepRecording(id: id, passed: true, runs: [RunRecording(command: "true", mode: "real", reason: nil, status: 0,
                                                                   stdout: output, messages: "", events: [])])
        }
        let previous = LessonRecording(lesson: "99-test", language: "en", recordedAt: "2025-01-01T00:00:00Z", kernel: "old",
                                       steps: [step("a", "old a"), step("b", "old b")])
        let fresh = LessonRecording(lesson: "99-test", language: "en", recordedAt: "2026-01-01T00:00:00Z", kernel: "new",
                                    steps: [step("a", "new a"), step("b", "new b"), step("c", "new c")])
        let merged = CourseRecorder.merging(fresh, into: previous, only: ["b"])
        #expect(merged.steps == [step("a", "old a"), step("b", "new b"), step("c", "new c")])
        #expect((merged.recordedAt, merged.kernel) == ("2025-01-01T00:00:00Z", "old"))
        #expect(CourseRecorder.merging(fresh, into: nil, only: ["b"]) == fresh)
    }

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
