import CourseSite
import Foundation
import Testing
import TestSupport
@testable import Lessons

@Suite("Every lesson in the repository passes lessons lint")
struct LessonLintTests {
    let catalog = LessonCatalog(directory: LessonFixtures.lessonsDirectory)

    @Test("the linter finds no problem in lessons/, held to lessons/recordings")
    func lintRepository() {
        let problems = LessonLinter(catalog: catalog, recordings: RecordingStore(lessonsDirectory: catalog.directory).recordedSteps()).lint()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("at least twelve lessons, each in English and Korean, each with steps and a quiz")
    func curriculum() {
        let english = catalog.slugs(language: "en")
        #expect(english.count >= 12)
        #expect(catalog.slugs(language: "ko") == english)
        for lesson in catalog.lessons(language: "en") + catalog.lessons(language: "ko") {
            #expect(!lesson.steps.isEmpty, "\(lesson.path) has no steps")
            #expect(!lesson.quizzes.isEmpty, "\(lesson.path) has no quiz")
            #expect(!lesson.front.title.isEmpty && !lesson.front.summary.isEmpty)
        }
    }

    @Test("a name pushed to a registry is a lesson's when its repository starts with lesson-",
          arguments: [("lesson-hello", true), ("127.0.0.1:5013/lesson-hello:v1", true), ("localhost/lesson-a", true),
                      ("registry.example/lesson-a@sha256:00", true), ("127.0.0.1:5013/hello", false),
                      ("box", false), ("library/lesson-a", false)])
    func registryNames(name: String, isLessons: Bool) {
        #expect(LessonCleanup.isLessonName(name) == isLessons)
    }

    @Test("dockyard lessons lint exits 0 on the repository")
    func lintCommand() throws {
        let user = try LessonUser(asNobody: false)
        let result = try user.run(["lessons", "lint"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("no problems"))
    }

    @Test("the linter catches a missing translation, differing steps, bad names and broken links")
    func lintCatches() throws {
        let dir = try TemporaryDirectory(prefix: "lint")
        try dir.write("en/01-a.md", """
        ---
        title: A
        summary: S
        ---
        See [b](02-nothere.md).

        ```dockyard {step=one}
        dockyard run --name box busybox true
        ```

        ```sh {step=one}
        true
        ```

        ```sh {step=two}
        dockyard run -d --name scripted busybox sleep 30 > /dev/null
        ```
        """)
        try dir.write("ko/01-a.md", "---\ntitle: 가\nsummary: 나\n---\n```sh {step=other}\ntrue\n```\n")
        try dir.write("en/02-b.md", "---\ntitle: B\nsummary: S\n---\nText.\n")
        let problems = LessonLinter(catalog: LessonCatalog(directory: dir.path)).lint().map(\.description)
        for expected in ["duplicate step id one", "\"box\" must start with lesson-", "\"scripted\" must start with lesson-", "broken link 02-nothere.md",
                         "missing translation of 02-b (ko)", "steps differ"] {
            #expect(problems.contains { $0.contains(expected) }, "missing \(expected) in \(problems)")
        }
    }
}
