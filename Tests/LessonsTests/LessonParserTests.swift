import Testing
@testable import Lessons

@Suite("Reading a lesson file into pages, steps, hints and quizzes")
struct LessonParserTests {
    static let sample = """
    ---
    title: Sample
    summary: A lesson for tests.
    root: optional
    cleanup: rm -rf /tmp/lesson-sample
    ---

    # Heading

    Some *prose* with `code` and a [link](https://example.org).

    ```sh {step=first contains="hello world" root=required}
    echo hello \\
      world
    # a comment
    echo again
    ```

    > Hint: say hello.

    > Hint: the `-m` flag, then `--pids-limit`.

    ```text
    an inert block
    ```

    ```dockyard {step=second explains="pivot_root" show=mount,pivot_root exercise}
    dockyard run --rm --name lesson-x busybox ls /
    ```

    **Quiz:** Which?

    - [ ] not this
      > It is *that* one.
    - [x] this one

    > Because.

    The end.
    """

    let lesson = LessonParser.parse(sample, slug: "01-sample", language: "en", path: "/l/en/01-sample.md")

    @Test("front matter is read, and line numbers count its lines")
    func frontMatter() {
        #expect(lesson.front == FrontMatter(title: "Sample", summary: "A lesson for tests.", root: "optional",
                                            cleanup: "rm -rf /tmp/lesson-sample"))
        #expect(lesson.steps.first?.line == 12)
        #expect(lesson.number == 1)
        #expect(lesson.diagnostics.isEmpty, "\(lesson.diagnostics)")
    }

    @Test("pages are cut at each step and quiz; the last prose is a page of its own")
    func pages() throws {
        #expect(lesson.pages.count == 4)
        #expect(lesson.pages.map { $0.step?.id } == ["first", "second", nil, nil])
        #expect(lesson.pages[2].quiz != nil)
        #expect(lesson.pages[3].prose == [.paragraph([.text("The end.")])])
        // The inert block stays prose on the second page.
        #expect(lesson.pages[1].prose == [.code(language: "text", text: "an inert block\n")])
    }

    @Test("a step carries its language, attributes, checks, commands and hints")
    func step() throws {
        let first = try #require(lesson.steps.first)
        #expect(first.language == "sh" && first.needsRoot)
        #expect(first.checks == [.outputContains("hello world")])
        #expect(first.commands == ["echo hello    world", "echo again"])
        #expect(first.hints == [[.paragraph([.text("say hello.")])],
                                [.paragraph([.text("the "), .code("-m"), .text(" flag, then "), .code("--pids-limit"), .text(".")])]],
                "a hint keeps the spaces around its code")
        let second = try #require(lesson.steps.last)
        #expect(second.isExercise && !second.needsRoot)
        #expect(second.shownTags == ["mount", "pivot_root"])
        #expect(second.checks == [.explains("pivot_root")])
    }

    @Test("a quiz is a checkbox list after its question, explained by the quote after it")
    func quiz() throws {
        let quiz = try #require(lesson.quizzes.first)
        #expect(quiz.answers == [2])
        #expect(quiz.choices.map { $0.text.plain } == ["not this", "this one"])
        #expect(quiz.question == [.paragraph([.strong("Quiz:"), .text(" Which?")])])
        #expect(quiz.explanation == [.paragraph([.text("Because.")])])
        #expect(quiz.choices[0].why == [.paragraph([.text("It is "), .emphasis("that"), .text(" one.")])])
        #expect(quiz.choices[1].why.isEmpty)
        #expect(quiz.id == "quiz-1")
    }

    @Test("links are collected for the linter")
    func links() {
        #expect(lesson.links == [Link(url: "https://example.org", line: 10)])
    }

    @Test("malformed steps are reported with their line", arguments: [
        ("```{step=x}\nls\n```", "has no language"),
        ("```sh {root=required}\nls\n```", "needs step=ID"),
        ("```sh {step=x colour=red}\nls\n```", "unknown attribute \"colour\""),
        ("```python {step=x}\nprint()\n```", "steps are sh or dockyard"),
        ("```sh {step=x contains=\"open}\nls\n```", "no closing quote"),
        ("Q?\n\n- [ ] a\n- [ ] b\n\n> e", "at least one right answer"),
        ("Q?\n\n- [x] a\n- [ ] b\n", "needs an explanation"),
        ("Q?\n\n- [x] a\n- [ ] b\n\n> e", "the wrong choice \"b\" needs a blockquote inside its item"),
    ])
    func diagnostics(source: String, message: String) {
        let parsed = LessonParser.parse("---\ntitle: T\nsummary: S\n---\n" + source, slug: "01-t", language: "en", path: "t.md")
        #expect(parsed.diagnostics.contains { $0.message.contains(message) }, "\(parsed.diagnostics)")
        #expect(parsed.diagnostics.allSatisfy { $0.line >= 5 })
    }
}

@Suite("Attribute groups on fenced blocks")
struct AttributeTests {
    @Test("bare words, quoted values with escapes, and flags")
    func parse() throws {
        let (language, attributes) = try Attributes.parseInfo("dockyard  {step=a contains=\"say \\\"hi\\\" now\" exercise root=required}")
        #expect(language == "dockyard")
        let a = try #require(attributes)
        #expect(a["step"] == "a" && a["contains"] == "say \"hi\" now" && a["root"] == "required")
        #expect(a.has("exercise") && a["exercise"] == "")
    }

    @Test("an info string without braces is an inert block's language")
    func inert() throws {
        let (language, attributes) = try Attributes.parseInfo("text")
        #expect(language == "text" && attributes == nil)
    }

    @Test("an unclosed group is an error")
    func unclosed() {
        #expect(throws: AttributeError.self) { try Attributes.parseInfo("sh {step=a") }
    }
}

@Suite("Splitting command lines into words")
struct ShellWordsTests {
    @Test("quotes and escapes as a shell reads them", arguments: [
        ("dockyard run --rm busybox sh -c 'echo $$; ls'", ["dockyard", "run", "--rm", "busybox", "sh", "-c", "echo $$; ls"]),
        ("a \"b \\\"c\\\"\" d\\ e", ["a", "b \"c\"", "d e"]),
        ("  spaced   out  ", ["spaced", "out"]),
        ("empty '' arg", ["empty", "", "arg"]),
    ])
    func split(line: String, words: [String]) {
        #expect(ShellWords.split(line) == words)
    }
}
