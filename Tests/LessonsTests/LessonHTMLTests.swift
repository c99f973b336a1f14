import Lessons
import Testing

@Suite("Lessons as HTML, by libcmark's safe renderer")
struct LessonHTMLTests {
    static let source = """
    ---
    title: T
    summary: S
    ---
    # Start

    Read <script>alert(1)</script> *this* and [the next one](02-next.md#top), not [that](javascript:alert(1)).

    <div onclick="x()">raw block</div>

    ```sh {step=look}
    ls /
    ```

    > **Hint:** look at `/proc`.

    **Quiz:** Which is right?

    - [ ] Not *this*
    - [x] This `one`

    > Because it is.

    The end.
    """

    static func render(_ markdown: String = source) -> String {
        let lesson = LessonParser.parse(markdown, slug: "01-t", language: "en", path: "t.md")
        let renderer = LessonHTML(headingOffset: 1) { $0.hasSuffix(".md") || $0.contains(".md#") ? $0.replacingOccurrences(of: ".md", with: ".html") : $0 }
        return renderer.render(lesson) { activity, page in
            switch activity {
            case let .step(step, hints): "<STEP \(step.id) page=\(page)>" + hints.joined() + "</STEP>"
            case let .quiz(_, question, choices, explanation):
                "<QUIZ>" + question + choices.map { "<C>\($0)</C>" }.joined() + "<E>" + explanation + "</E></QUIZ>"
            }
        }
    }

    @Test("raw HTML is left out and a javascript: link loses its address")
    func safeMode() {
        let html = Self.render()
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains("<a href=\"\">that</a>"))
        #expect(html.contains("<a href=\"02-next.html#top\">the next one</a>"))
        #expect(html.contains("<h2>Start</h2>"))
        #expect(html.contains("<em>this</em>"))
    }

    @Test("a step and its hint become one widget; the hint loses its label")
    func step() {
        let html = Self.render()
        #expect(html.contains("<STEP look page=0><p>look at <code>/proc</code>.</p>\n</STEP>"))
        #expect(!html.contains("ls /"))
        #expect(!html.contains("Hint"))
        #expect(!html.contains("<blockquote>"))
    }

    @Test("a quiz becomes one widget with its question, choices without boxes, and explanation")
    func quiz() {
        let html = Self.render()
        #expect(html.contains("<QUIZ><p><strong>Quiz:</strong> Which is right?</p>\n<C>Not <em>this</em></C><C>This <code>one</code></C><E><p>Because it is.</p>\n</E></QUIZ>"))
        #expect(!html.contains("[x]"))
        #expect(html.hasSuffix("<p>The end.</p>\n"))
    }

    @Test("prose between widgets stays in order")
    func order() {
        let html = Self.render()
        let start = html.range(of: "<h2>Start</h2>")?.lowerBound
        let step = html.range(of: "<STEP")?.lowerBound
        let quiz = html.range(of: "<QUIZ>")?.lowerBound
        let end = html.range(of: "The end.")?.lowerBound
        #expect(start != nil && step != nil && quiz != nil && end != nil)
        if let start, let step, let quiz, let end { #expect(start < step && step < quiz && quiz < end) }
    }
}
