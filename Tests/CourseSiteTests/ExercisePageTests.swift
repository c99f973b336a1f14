import FoundationEssentials
import Testing

/// Exercises on the course site: the task is the lesson's prose, the solution waits behind a
/// button, the check block stays out of the page, and the index counts exercises with quizzes
/// toward a lesson being done.
@Suite("Exercises on the course site")
struct ExercisePageTests {
    @Test("an exercise's solution is behind a details button, with its done box; the check block is not prose")
    func hiddenSolution() throws {
        let output = SiteFixture.temporaryDirectory("exercise")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let page = SiteFixture.read(output + "/en/04-cgroups.html")
        let step = try #require(page.components(separatedBy: "id=\"04-cgroups-memory-live\"").dropFirst().first)
        let section = step.components(separatedBy: "</section>")[0]
        #expect(section.hasPrefix("><details class=\"solution\"><summary>Show the solution</summary>"), "\(section.prefix(200))")
        #expect(section.contains("--name lesson-mem"))
        #expect(section.contains("data-task=\"04-cgroups-exercise-memory-live\""))
        #expect(!page.contains("memory lesson-mem 48m"), "the check block leaked into the prose")
        #expect(HTMLChecks.tagProblem(page) == nil)
        let korean = SiteFixture.read(output + "/ko/04-cgroups.html")
        #expect(korean.contains("<details class=\"solution\"><summary>풀이 보기</summary>"))
        // Lesson 4: one quiz and two exercises make it done.
        let index = SiteFixture.read(output + "/en/index.html")
        #expect(index.contains("quizzes and exercises {n}/3"), "\(index.prefix(400))")
    }
}
