import Testing
import TestSupport
import GoTemplate

/// Random templates from pieces of real ones, and random bytes: parsing and running must never
/// crash or hang; they either print or throw a TemplateError. `DOCKYARD_FUZZ_SECONDS` runs longer.
struct FuzzTests {
    static let pieces = [
        "{{", "}}", "{{-", " -}}", ".", ".Name", ".State.Running", "$", "$x", ":=", "=", "|", "(", ")", " ",
        "if", "else", "end", "range", "with", "break", "continue", "json", "index", "len", "printf", "\"%s %d %v %q\"",
        "eq", "and", "or", "not", "join", "split", "upper", "pad", "truncate", "1", "-2", "1.5", "'a'", "\"x\"",
        "`raw`", "/*", "*/", "nil", "true", ",", "\\t", "\n", "table ", ".Config.Labels", ".Config.Cmd", "\"\\u00e9\"",
        "}", "{", "0x1F", "é", "$k, $v :=", "range $i, $e := .Config.Env", "{{end}}", "{{else}}",
    ]

    @Test("random templates made of template pieces never crash")
    func pieces() {
        var random = SplitMix(state: FuzzSettings.seed(default: 17))
        let rounds = Int((FuzzSettings.environmentSeconds ?? 0.5) * 8_000)
        for _ in 0..<rounds {
            let count = Int.random(in: 1...14, using: &random)
            let source = (0..<count).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined()
            if let template = try? Template(source) {
                _ = try? template.execute(container)
                _ = try? template.execute(container, missingKey: .error)
            }
            _ = try? DockerFormat(source, defaultTable: "").render([container], header: TemplateObject())
        }
    }

    @Test("random bytes never crash the lexer, the parser or the JSON reader")
    func bytes() {
        var random = SplitMix(state: FuzzSettings.seed(default: 42))
        let alphabet = Array("{{}}-. $x:=|()\"'`/*\\ntrue0123456789ife,%\u{00}\u{7f}é")
        for _ in 0..<3_000 {
            let source = String((0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? " " })
            _ = try? Template(source).execute(container)
            _ = try? TemplateValue(json: source)
        }
    }

    @Test("a range over a huge integer stops with an error rather than hanging")
    func bounded() {
        #expect(render("{{range 1000000000000}}x{{end}}").hasPrefix("ERROR: "))
    }
}
