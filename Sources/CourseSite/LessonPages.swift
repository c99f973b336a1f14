import Lessons

/// The pages of one language: what each template is given. Lesson text arrives as HTML made by
/// libcmark (`LessonHTML`) with `StepHTML` and `QuizHTML` widgets, already escaped; everything else the templates escape.
struct LessonPages {
    var lessons: [Lesson]
    var language: String
    var languages: [String]
    /// Each lesson's recording by slug, with the steps nobody recorded filled in by the simulation.
    var recordings: [String: LessonRecording]
    /// `slug/step` of every step shown from the simulation.
    var simulatedSteps: Set<String> = []

    init(lessons: [Lesson], language: String, languages: [String], store: RecordingStore, simulation: StepSimulation?) {
        self.lessons = lessons
        self.language = language
        self.languages = languages
        var recordings: [String: LessonRecording] = [:]
        var simulatedSteps: Set<String> = []
        for lesson in lessons {
            var recording = store.load(slug: lesson.slug, language: language)
                ?? LessonRecording(lesson: lesson.slug, language: language, recordedAt: "", kernel: "", steps: [])
            if let simulation {
                for step in lesson.steps where recording.step(step.id) == nil {
                    recording.steps.append(simulation.recording(of: step, language: language))
                    simulatedSteps.insert(lesson.slug + "/" + step.id)
                }
            }
            recordings[lesson.slug] = recording
        }
        self.recordings = recordings
        self.simulatedSteps = simulatedSteps
    }

    var text: SiteText { SiteText(language: language) }

    /// The same page in the other language, if the course has one.
    private func otherLanguage(_ file: String) -> [String: Any]? {
        guard let other = languages.first(where: { $0 != language }) else { return nil }
        return ["href": "../\(other)/\(file)", "name": text.otherLanguage, "lang": other]
    }

    private func sidebar(current: String?) -> [[String: Any]] {
        lessons.map { lesson in
            ["slug": lesson.slug, "number": lesson.number, "title": lesson.front.title,
             "href": SiteLayout.lesson(lesson.slug), "current": lesson.slug == current]
        }
    }

    private func layout(title: String, file: String, slug: String?, content: String) -> [String: Any] {
        var context: [String: Any] = [
            "lang": language, "title": title, "courseTitle": text.courseTitle, "assets": "../" + SiteLayout.assets,
            "lessons": sidebar(current: slug), "content": content, "slug": slug ?? "",
            "indexHref": SiteLayout.index, "printHref": SiteLayout.print,
            "label": ["lessons": text.lessons, "search": text.search, "printAll": text.printAll, "theme": text.theme,
                      "noResults": text.noResults, "previous": text.previous, "next": text.next],
        ]
        if let other = otherLanguage(file) { context["other"] = other }
        return context
    }

    /// The lesson's body: its Markdown through libcmark's safe HTML renderer, each step and quiz
    /// as Dockyard's widget with the recorded run.
    func body(_ lesson: Lesson, recording: LessonRecording?) -> String {
        var quizNumber = 0
        return LessonHTML(headingOffset: 1, linkTarget: SiteLink.target).render(lesson) { activity, _ in
            switch activity {
            case let .step(step, hints):
                return StepHTML(step: step, hints: hints, slug: lesson.slug, recording: recording?.step(step.id), text: text).render()
            case let .quiz(quiz, question, choices, explanation):
                quizNumber += 1
                return QuizHTML(quiz: quiz, question: question, choices: choices, explanation: explanation,
                                id: "\(lesson.slug)-quiz-\(quizNumber)", text: text).render()
            }
        }
    }

    /// One lesson's page.
    struct LessonPage {
        var context: (SiteTemplates) throws -> [String: Any]
        var searchDocument: SearchIndex.Document
        var stepCount: Int
        var recordedCount: Int
        /// Steps without a recording, shown from the simulation made during the build.
        var simulatedCount: Int
        /// The lesson's HTML, which the print-all page reuses.
        var body: String

        func context(templates: SiteTemplates) throws -> [String: Any] { try context(templates) }
    }

    func lessonPage(_ index: Int) -> LessonPage {
        let lesson = lessons[index]
        let recording = recordings[lesson.slug]
        let body = body(lesson, recording: recording)
        let file = SiteLayout.lesson(lesson.slug)
        let title = "\(lesson.number). \(lesson.front.title)"
        var page: [String: Any] = ["title": title, "summary": lesson.front.summary, "body": body, "slug": lesson.slug]
        if let recording, !recording.recordedAt.isEmpty {
            page["recorded"] = ["label": text.recordedOn, "at": recording.recordedAt, "kernelLabel": text.kernelWord, "kernel": recording.kernel]
        }
        if index > 0 { page["prev"] = ["href": SiteLayout.lesson(lessons[index - 1].slug), "title": lessons[index - 1].front.title, "label": text.previous] }
        if index + 1 < lessons.count { page["next"] = ["href": SiteLayout.lesson(lessons[index + 1].slug), "title": lessons[index + 1].front.title, "label": text.next] }
        page["markDone"] = text.markDone
        let plain = lesson.pages.flatMap(\.prose).map(Self.plain).joined(separator: " ")
            + " " + lesson.steps.map(\.code).joined(separator: " ") + " " + PictureLabels.words(in: body)
        let shown = lesson.steps.compactMap { recording?.step($0.id) }
        let simulated = shown.filter { simulatedSteps.contains(lesson.slug + "/" + $0.id) }.count
        return LessonPage(
            context: { templates in
                layout(title: title, file: file, slug: lesson.slug, content: try templates.render("lesson", page))
            },
            searchDocument: .init(url: language + "/" + file, title: title, language: language, text: lesson.front.summary + " " + plain),
            stepCount: lesson.steps.count, recordedCount: shown.count - simulated, simulatedCount: simulated, body: body)
    }

    /// The chain picture with each part linking to its lesson in this language.
    func chain() -> String {
        ChainPicture(text: text, href: ChainPicture.links(to: lessons, prefix: "")).render()
    }

    func indexContext(templates: SiteTemplates) throws -> [String: Any] {
        let entries: [[String: Any]] = lessons.map {
            // What makes a lesson done: its quizzes answered right and its exercises ticked.
            let tasks = $0.quizzes.count + $0.steps.filter(\.isExercise).count
            return ["href": SiteLayout.lesson($0.slug), "number": $0.number, "title": $0.front.title, "summary": $0.front.summary, "slug": $0.slug,
                    "tasks": tasks, "tasksLabel": text.tasksDone(tasks)]
        }
        let content = try templates.render("index", ["courseTitle": text.courseTitle, "intro": text.intro, "lessons": entries, "start": text.start, "chain": chain(),
                                                     "first": entries.first ?? [:]])
        return layout(title: text.courseTitle, file: SiteLayout.index, slug: nil, content: content)
    }

    /// Every lesson on one page; `bodies` are the lesson pages' own, by slug, so nothing is rendered twice.
    func printContext(templates: SiteTemplates, bodies: [String: String]) throws -> [String: Any] {
        let all: [[String: Any]] = lessons.map { lesson in
            ["title": "\(lesson.number). \(lesson.front.title)", "summary": lesson.front.summary, "slug": lesson.slug,
             "body": bodies[lesson.slug] ?? body(lesson, recording: recordings[lesson.slug])]
        }
        let content = try templates.render("print", ["courseTitle": text.courseTitle, "lessons": all])
        return layout(title: text.printAll, file: SiteLayout.print, slug: nil, content: content)
    }

    /// A block's words, for the search index.
    static func plain(_ block: ProseBlock) -> String {
        switch block {
        case let .heading(_, spans), let .paragraph(spans): spans.plain
        case let .list(_, _, items): items.flatMap { $0 }.map(plain).joined(separator: " ")
        case let .quote(blocks): blocks.map(plain).joined(separator: " ")
        case let .code(_, text): text
        case .rule: ""
        }
    }
}
