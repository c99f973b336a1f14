import FoundationEssentials
import Lessons

/// `dockyard course build`: the lessons and their recordings as a static site that works from
/// disk — an index per language, a page per lesson, a print-all page, a search index, and the
/// theme's assets copied alongside.
public struct CourseSiteBuilder {
    public var catalog: LessonCatalog
    public var recordings: RecordingStore
    /// The `site` directory with `templates/` and `assets/`.
    public var siteDirectory: String

    /// How steps without a recording are shown: simulated during the build, or (nil) only labelled.
    public var simulation: StepSimulation?

    public init(catalog: LessonCatalog, recordings: RecordingStore, siteDirectory: String, simulation: StepSimulation? = nil) {
        self.catalog = catalog
        self.recordings = recordings
        self.siteDirectory = siteDirectory
        self.simulation = simulation
    }

    /// What a build wrote.
    public struct Summary: Sendable {
        public var pages: Int
        public var lessons: Int
        public var recordedSteps: Int
        /// Steps shown from the simulation because nobody recorded them.
        public var simulatedSteps: Int
        public var steps: Int
    }

    /// Writes the site into `output` for the given languages (all of the catalog's by default).
    @discardableResult
    public func build(to requestedOutput: String, languages requested: [String]? = nil) throws -> Summary {
        // Simulated steps run in their own directory, so relative paths are fixed to here first.
        let here = FileManager.default.currentDirectoryPath
        let output = requestedOutput.hasPrefix("/") ? requestedOutput : here + "/" + requestedOutput
        let templates = try SiteTemplates(siteDirectory: siteDirectory.hasPrefix("/") ? siteDirectory : here + "/" + siteDirectory)
        let languages = requested ?? catalog.languages
        let fm = FileManager.default
        try fm.createDirectory(atPath: output + "/" + SiteLayout.assets, withIntermediateDirectories: true)
        var search = SearchIndex()
        var summary = Summary(pages: 0, lessons: 0, recordedSteps: 0, simulatedSteps: 0, steps: 0)
        for language in languages {
            let lessons = catalog.lessons(language: language)
            let pages = LessonPages(lessons: lessons, language: language, languages: languages, store: recordings, simulation: simulation)
            try fm.createDirectory(atPath: output + "/" + language, withIntermediateDirectories: true)
            var bodies: [String: String] = [:]
            for index in lessons.indices {
                let page = pages.lessonPage(index)
                bodies[lessons[index].slug] = page.body
                try write(templates.render("layout", page.context(templates: templates)), to: output + "/" + language + "/" + SiteLayout.lesson(lessons[index].slug))
                search.documents.append(page.searchDocument)
                summary.pages += 1
                summary.lessons += 1
                summary.steps += page.stepCount
                summary.recordedSteps += page.recordedCount
                summary.simulatedSteps += page.simulatedCount
            }
            try write(templates.render("layout", pages.indexContext(templates: templates)), to: output + "/" + language + "/" + SiteLayout.index)
            try write(templates.render("layout", pages.printContext(templates: templates, bodies: bodies)), to: output + "/" + language + "/" + SiteLayout.print)
            summary.pages += 2
        }
        try write(rootPage(templates: templates, languages: languages), to: output + "/" + SiteLayout.index)
        summary.pages += 1
        try write(search.script(), to: output + "/" + SiteLayout.assets + "/" + SiteLayout.searchIndex)
        for asset in try fm.contentsOfDirectory(atPath: templates.assetsDirectory).sorted() {
            let target = output + "/" + SiteLayout.assets + "/" + asset
            if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
            try fm.copyItem(atPath: templates.assetsDirectory + "/" + asset, toPath: target)
        }
        return summary
    }

    /// The landing page: what Dockyard is, in each language, the chain picture linking to the
    /// first language's lessons, and a way to start in each language.
    private func rootPage(templates: SiteTemplates, languages: [String]) throws -> String {
        let entries: [[String: Any]] = languages.map { language in
            let text = SiteText(language: language)
            return ["lang": language, "title": text.courseTitle, "lead": text.landingLead, "start": text.landingStart,
                    "href": language + "/" + SiteLayout.index]
        }
        let first = languages.first ?? "en"
        let chain = ChainPicture(text: SiteText(language: first), href: ChainPicture.links(to: catalog.lessons(language: first), prefix: first + "/"))
        return try templates.render("root", ["languages": entries, "chain": chain.render()])
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
