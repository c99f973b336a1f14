import Explain
import Lessons

/// One runnable step as the site shows it: the command, then what the recording says it printed
/// and made — or, without a recording, a label saying so.
struct StepHTML {
    var step: Step
    /// The step's hints, as libcmark rendered them.
    var hints: [String]
    /// The lesson's slug, so ids stay unique on the print-all page.
    var slug: String
    var recording: StepRecording?
    var text: SiteText

    func render() -> String {
        let open = "<section class=\"step\" id=\"\(HTMLText.escape(slug))-\(HTMLText.escape(step.id))\">"
        var html = CodeHTML.block(step.code, language: step.language == "dockyard" ? "sh" : step.language)
        if let recording {
            // A pod made over several commands (pod create, run --pod, run --pod) is one picture of
            // all of them, after the last, rather than a part of it under each command.
            let aboutNamespaces = recording.runs.count > 1 && !(step.shownTags ?? []).isDisjoint(with: Self.namespaceTags)
            let combined = aboutNamespaces ? recording.runs.flatMap { $0.events.compactMap(Event.init(jsonLine:)) } : []
            let podWide = aboutNamespaces && PodPicture.applies(to: combined)
            for run in recording.runs {
                html += runHTML(run, drawingNamespaces: !podWide)
            }
            if podWide { html += "<div class=\"kernel\">" + PodPicture(events: combined, text: text).render() + "</div>" }
        } else {
            html += "<p class=\"badge missing\">\(HTMLText.escape(text.notRecorded))</p>"
        }
        // An exercise's block is its solution: the learner tries first, and opens it when stuck.
        if step.isExercise {
            html = "<details class=\"solution\"><summary>\(HTMLText.escape(text.solution))</summary>\(html)</details>"
        }
        return open + html + exerciseHTML() + "</section>" + hintsHTML()
    }

    static let namespaceTags: Set<String> = ["namespace", "clone", "setns", "hostname"]

    func runHTML(_ run: RunRecording, drawingNamespaces: Bool = true) -> String {
        let e = HTMLText.escape
        var html = "<div class=\"run \(e(run.mode))\">"
        let badge = switch run.mode {
        case "simulated": text.simulated
        case "skipped": text.skipped
        default: text.recordedReal
        }
        html += "<p class=\"badge \(e(run.mode))\">\(e(badge))\(run.reason.map { " — " + e($0) } ?? "")</p>"
        if step.language == "dockyard" && (step.commands.count > 1) {
            html += "<p class=\"command\"><code>$ \(e(run.command))</code></p>"
        }
        if run.mode == "skipped" { return html + "</div>" }
        let output = run.stdout + run.messages
        if !output.isEmpty {
            html += "<pre class=\"output\">\(e(output.hasSuffix("\n") ? String(output.dropLast()) : output))</pre>"
        }
        html += "<p class=\"status\">\(e(text.exitStatus)) \(run.status)</p>"
        let events = run.events.compactMap(Event.init(jsonLine:))
        let focus = drawingNamespaces ? step.shownTags : step.shownTags?.subtracting(Self.namespaceTags)
        html += KernelObjectsHTML(events: events, focus: focus, labels: text).render()
        // `inspect` of an image prints its manifest: the image as data, drawn.
        if run.command.contains(" inspect"), let graph = ImageGraph(inspectJSON: run.stdout) {
            html += ImageGraphPicture(graph: graph, text: text).render()
        }
        return html + "</div>"
    }

    /// An exercise cannot be checked by a static page: the learner ticks it when it ran, and the
    /// lesson counts it with its quizzes towards being done.
    func exerciseHTML() -> String {
        guard step.isExercise else { return "" }
        let id = HTMLText.escape(slug + "-exercise-" + step.id)
        return "<p class=\"exercise-done\"><label><input type=\"checkbox\" data-task=\"\(id)\"> \(HTMLText.escape(text.exerciseDone))</label></p>"
    }

    func hintsHTML() -> String {
        hints.map { hint in
            "<details class=\"hint\"><summary>\(HTMLText.escape(text.hint))</summary>\(hint)</details>"
        }.joined()
    }
}

/// A quiz that works in the page: choices as checkboxes, a check button, and the explanation
/// shown once answered. Which choices are right is in data attributes the script reads.
struct QuizHTML {
    var quiz: Quiz
    /// The question, each choice and the explanation, as libcmark rendered them.
    var question: String
    var choices: [String]
    var explanation: String
    /// Unique on the print-all page too: `<slug>-quiz-<n>`.
    var id: String
    var text: SiteText

    func render() -> String {
        let multiple = quiz.answers.count > 1
        let items = zip(quiz.choices, choices).enumerated().map { index, pair in
            "<li><label><input type=\"\(multiple ? "checkbox" : "radio")\" name=\"\(id)\" value=\"\(index)\""
                + (pair.0.correct ? " data-correct=\"1\"" : "") + "> " + pair.1 + "</label></li>"
        }.joined()
        return "<form class=\"quiz\" id=\"\(id)\" data-task=\"\(id)\">" + question
            + "<ul class=\"choices\">\(items)</ul>"
            + "<button type=\"submit\">\(HTMLText.escape(text.check))</button>"
            + "<p class=\"verdict\" data-right=\"\(HTMLText.escape(text.correct))\" data-wrong=\"\(HTMLText.escape(text.wrong))\"></p>"
            + "<div class=\"explanation\" hidden>\(explanation)</div></form>"
    }
}
