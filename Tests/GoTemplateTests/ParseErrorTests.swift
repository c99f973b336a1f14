import Testing
import GoTemplate

/// Templates Go refuses, with Go's messages (Docker prints them after "template parsing error: ").
struct ParseErrorTests {
    @Test("an unknown function", arguments: [
        ("{{foo}}", "template: :1: function \"foo\" not defined"),
        ("{{.Name | foo}}", "template: :1: function \"foo\" not defined"),
        ("a\n{{bar .}}", "template: :2: function \"bar\" not defined"),
    ])
    func unknownFunction(source: String, message: String) {
        #expect(render(source) == "ERROR: " + message)
    }

    @Test("broken actions and blocks", arguments: [
        ("{{.Name}", "template: :1: bad character U+007D '}'"),
        ("{{.Name", "template: :1: unclosed action"),
        ("{{if .X}}a", "template: :1: unexpected EOF"),
        ("{{end}}", "template: :1: unexpected {{end}}"),
        ("{{else}}", "template: :1: unexpected {{else}}"),
        ("{{}}", "template: :1: missing value for command"),
        ("{{if}}{{end}}", "template: :1: missing value for if"),
        ("{{range}}{{end}}", "template: :1: missing value for range"),
        ("{{\"abc}}", "template: :1: unterminated quoted string"),
        ("{{/* x", "template: :1: unclosed comment"),
        ("{{/* x */ .X}}", "template: :1: comment ends before closing delimiter"),
        ("{{(.X}}", "template: :1: unclosed left paren"),
        ("{{.X)}}", "template: :1: unexpected right paren"),
        ("{{$x}}", "template: :1: undefined variable \"$x\""),
        ("{{1x}}", "template: :1: bad number syntax: \"1x\""),
        ("{{.X | 3}}", "template: :1: non executable command in pipeline stage 2"),
        ("{{if .X}}{{else}}{{else}}{{end}}", "template: :1: expected end; found {{else}}"),
    ])
    func broken(source: String, message: String) {
        #expect(render(source) == "ERROR: " + message)
    }

    @Test("parse errors say so; execution errors say they are execution errors")
    func stages() throws {
        #expect(throws: TemplateError.self) { try Template("{{foo}}") }
        do { _ = try Template("{{foo}}") } catch { #expect(error.stage == .parsing) }
        do { _ = try Template("{{.X.Y}}").execute(["X": nil]) } catch { #expect(error.stage == .execution) }
    }
}
