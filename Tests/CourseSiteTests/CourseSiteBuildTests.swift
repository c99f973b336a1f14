import CourseSite
import Explain
import FoundationEssentials
import Lessons
import Testing

@Suite("The built course site")
struct CourseSiteBuildTests {
    @Test("every internal link and asset of every page resolves")
    func linksResolve() throws {
        let output = SiteFixture.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let pages = SiteFixture.htmlFiles(in: output)
        let lessons = LessonCatalog(directory: SiteFixture.root + "/lessons").slugs(language: "en").count
        #expect(pages.count == lessons * 2 + 2 * 2 + 1)
        var broken: [String] = []
        for page in pages {
            let directory = page.split(separator: "/").dropLast().joined(separator: "/")
            for reference in HTMLChecks.references(SiteFixture.read(output + "/" + page)) {
                if reference.hasPrefix("http") || reference.hasPrefix("mailto:") || reference.hasPrefix("#") { continue }
                let path = String(reference.prefix { $0 != "#" })
                let resolved = output + "/" + (directory.isEmpty ? "" : directory + "/") + path
                if !FileManager.default.fileExists(atPath: resolved) { broken.append("\(page): \(reference)") }
            }
        }
        #expect(broken == [])
    }

    @Test("every page is well-formed: its tags balance")
    func wellFormed() throws {
        let output = SiteFixture.temporaryDirectory("tags")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        for page in SiteFixture.htmlFiles(in: output) {
            let problem = HTMLChecks.tagProblem(SiteFixture.read(output + "/" + page))
            #expect(problem == nil, "\(page): \(problem ?? "")")
        }
    }

    @Test("every recorded string is escaped: output, messages, commands and kernel values")
    func escaping() throws {
        let directory = SiteFixture.temporaryDirectory("escape")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/lessons/en", withIntermediateDirectories: true)
        let lesson = "---\ntitle: T\nsummary: S\n---\n# T\n\n```dockyard {step=a}\ndockyard run --rm busybox true\n```\n"
        try Data(lesson.utf8).write(to: URL(fileURLWithPath: directory + "/lessons/en/01-t.md"))
        let hostile = "<script>alert(1)</script>"
        let event = JSONLinesRenderer.line(for: Event(.cgroupWritten(path: "/sys/fs/cgroup/memory/\(hostile)", value: hostile)))
        let store = RecordingStore(lessonsDirectory: directory + "/lessons")
        try store.save(LessonRecording(lesson: "01-t", language: "en", recordedAt: hostile, kernel: hostile, steps: [
            StepRecording(id: "a", passed: true, runs: [
                RunRecording(command: hostile, mode: hostile, reason: hostile, status: 0, stdout: hostile, messages: hostile, events: [event]),
            ]),
        ]))
        let builder = CourseSiteBuilder(catalog: LessonCatalog(directory: directory + "/lessons"), recordings: store,
                                        siteDirectory: SiteFixture.root + "/site")
        try builder.build(to: directory + "/public")
        let page = SiteFixture.read(directory + "/public/en/01-t.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("class=\"step\""))
        #expect(HTMLChecks.tagProblem(page) == nil)
    }

    @Test("a lesson page has its steps, quizzes and a link to the same page in the other language")
    func lessonParts() throws {
        let output = SiteFixture.temporaryDirectory("parts")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let page = SiteFixture.read(output + "/en/01-what-is-a-container.html")
        #expect(page.contains("class=\"step\""))
        #expect(page.contains("class=\"quiz\""))
        #expect(page.contains("hreflang=\"ko\""))
        // The overlay picture of lesson 5 shows the whiteout its container left in the upperdir.
        let overlay = SiteFixture.read(output + "/en/05-layers-and-overlayfs.html")
        #expect(overlay.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pic overlay\""))
        #expect(overlay.contains("class=\"file whiteout\""))
        #expect(overlay.contains("class=\"layer lower\""))
    }

    @Test("building the whole course takes well under a second")
    func fast() throws {
        let output = SiteFixture.temporaryDirectory("time")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let clock = ContinuousClock()
        let elapsed = try clock.measure { try SiteFixture.builder.build(to: output) }
        // A debug build is several times slower than release; the release figure is in the notes.
        #expect(elapsed < .seconds(5))
    }
}
