import Foundation
import Testing
import TestSupport

/// `dockyard course record`'s arguments, checked before any step runs or any recording is written.
@Suite("course record refuses what it cannot record")
struct CourseRecordTests {
    @Test("--step must name a step of the lesson: an unknown id is refused by name with the lesson's ids, exit 1, and the recording is untouched")
    func unknownStep() throws {
        let directory = try TemporaryDirectory(prefix: "course-record")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
        let lessons = directory.appending("lessons")
        try FileManager.default.copyItem(atPath: repository, toPath: lessons)
        let recording = lessons + "/recordings/01-what-is-a-container.en.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: recording))

        let dockyard = DockyardProcess(root: directory.appending("root"), environment: ["DOCKYARD_LESSONS": lessons])
        let result = try dockyard.run(["course", "record", "1", "--lang", "en", "--step", "no-such-step", "--simulate"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("dockyard: lesson 01-what-is-a-container has no step \"no-such-step\" (its steps: "), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: recording)) == before)
    }
}
