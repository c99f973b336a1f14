import CourseSite
import FoundationEssentials
import Testing

@Suite("The built course site")
struct CourseSiteBuildTests {
    @Test("every internal link and asset of every page resolves")
    func linksResolve() throws {
        let output = SiteFixture.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let pages = SiteFixture.htmlFiles(in: output)
        #expect(pages.count == 14 * 2 + 2 * 2 + 1)
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

    @Test("recorded output is escaped, and a missing recording is labelled")
    func escaping() throws {
        let output = SiteFixture.temporaryDirectory("escape")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let page = SiteFixture.read(output + "/en/01-what-is-a-container.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("class=\"step\""))
        #expect(page.contains("class=\"quiz\""))
        #expect(page.contains("hreflang=\"ko\""))
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
