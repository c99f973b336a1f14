import Testing
@testable import DockerfileSyntax

/// The `dockyard parse --json` shape.
struct JSONOutputTests {
    @Test("the issue's example renders in the issue's shape")
    func issueExample() throws {
        let file = try parsed("# syntax=docker/dockerfile:1\nFROM a\nRUN --mount=type=cache,target=/root/.cache echo one two <<EOF\necho hi\nEOF\n")
        guard case .object(let top) = file.json else { Issue.record("not an object"); return }
        #expect(top.map(\.0) == ["directives", "instructions"])
        #expect(top[0].1 == .object([("escape", .string("\\")), ("syntax", .string("docker/dockerfile:1"))]))
        guard case .array(let instructions) = top[1].1, case .object(let run) = instructions[1] else {
            Issue.record("no instructions"); return
        }
        let fields = Dictionary(uniqueKeysWithValues: run.map { ($0.0, $0.1) })
        #expect(fields["name"] == .string("RUN"))
        #expect(fields["line"] == .int(3))
        #expect(fields["endLine"] == .int(5))
        #expect(fields["json"] == .bool(false))
        #expect(fields["flags"] == .object([("mount", .string("type=cache,target=/root/.cache"))]))
        #expect(fields["args"] == .array([.string("echo one two <<EOF")]))
        guard case .array(let heredocs) = fields["heredocs"], case .object(let heredoc) = heredocs.first else {
            Issue.record("no heredoc"); return
        }
        #expect(heredoc[0] == ("name", .string("EOF")))
        #expect(heredoc[1] == ("content", .string("echo hi\n")))
    }

    @Test("bare flags map to an empty string and repeated flags to an array")
    func flags() throws {
        let file = try parsed("FROM a\nCOPY --link --exclude=a --exclude=b x y\n")
        guard case .object(let copy) = file.instructions[1].json else { Issue.record("not an object"); return }
        let flags = copy.first { $0.0 == "flags" }?.1
        #expect(flags == .object([("link", .string("")), ("exclude", .array([.string("a"), .string("b")]))]))
    }

    @Test("strings are escaped so the output is valid JSON")
    func escaping() throws {
        let text = JSONValue.array([.string("a\"b\\c\nd\te\u{1}")]).rendered()
        #expect(text == "[\"a\\\"b\\\\c\\nd\\te\\u0001\"]")
    }

    @Test("rendered JSON reads back through the JSON-form parser")
    func roundTrip() throws {
        let strings = ["plain", "quote\"", "back\\slash", "new\nline", "é", "😀"]
        let rendered = JSONValue.array(strings.map(JSONValue.string)).rendered()
        #expect(JSONArray.parse(Array(rendered.unicodeScalars)[...]) == .strings(strings))
    }
}
