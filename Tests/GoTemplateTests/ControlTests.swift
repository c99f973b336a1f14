import Testing
import GoTemplate

/// `if`, `with`, `range`, trim markers and comments.
struct ControlTests {
    @Test("if, else if and else choose by Go's truth")
    func ifElse() {
        let template = "{{if .State.Running}}up{{else if .State.ExitCode}}failed{{else}}exited{{end}}"
        #expect(render(template, container) == "up")
        #expect(render(template, ["State": ["Running": false, "ExitCode": 2]]) == "failed")
        #expect(render(template, ["State": ["Running": false, "ExitCode": 0]]) == "exited")
        #expect(render("{{if .Mounts}}some{{else}}none{{end}}", container) == "none")
        #expect(render("{{if .Nope}}yes{{else}}no{{end}}", container) == "no")
    }

    @Test("with sets dot, and its else runs when the value is empty")
    func with() {
        #expect(render("{{with .State}}{{.Status}}{{end}}", container) == "running")
        #expect(render("{{with .Nope}}x{{else}}empty{{end}}", container) == "empty")
        #expect(render("{{with $s := .State}}{{$s.Pid}}{{end}}", container) == "4242")
    }

    @Test("range over a slice, with an index, and its else")
    func rangeSlice() {
        #expect(render("{{range .Config.Env}}{{.}};{{end}}", container) == "PATH=/bin;HOME=/root;")
        #expect(render("{{range $i, $e := .Config.Cmd}}{{$i}}={{$e}} {{end}}", container) == "0=sh 1=-c 2=sleep 1 ")
        #expect(render("{{range .Mounts}}x{{else}}no mounts{{end}}", container) == "no mounts")
        #expect(render("{{range .Nope}}x{{end}}", container) == "")
    }

    @Test("range over a map visits keys in sorted order, as Go does")
    func rangeMap() {
        #expect(render("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}", container)
            == "a=1,b=2,com.example.team=infra,")
        #expect(render("{{range .Config.Labels}}{{.}} {{end}}", container) == "1 2 infra ")
    }

    @Test("break and continue inside range; outside it they are parse errors")
    func breakContinue() {
        #expect(render("{{range .}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}", [1, 2, 3, 4]) == "12")
        #expect(render("{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", [1, 2, 3]) == "13")
        #expect(render("{{break}}") == "ERROR: template: :1: {{break}} outside {{range}}")
    }

    @Test("range over a string is an execution error")
    func rangeString() {
        #expect(render("{{range .Name}}{{end}}", container)
            == "ERROR: template: :1:8: executing \"\" at <.Name>: range can't iterate over /web")
    }

    @Test("trim markers eat the whitespace beside them, comments print nothing")
    func trimAndComments() {
        #expect(render("a  {{- .Name -}}  \n b", container) == "a/webb")
        #expect(render("{{- /* a comment */ -}}\n x") == "x")
        #expect(render("a{{/* c */}}b") == "ab")
        #expect(render("{{range .Config.Env -}}\n  {{.}}\n{{- end}}", container) == "PATH=/binHOME=/root")
        #expect(render("{{-3}}") == "-3")
    }

    @Test("and and or return an operand and stop early; not negates")
    func logic() {
        #expect(render("{{and 1 0 .Nope.X}}") == "0")
        #expect(render("{{or 0 \"\" \"x\"}}") == "x")
        #expect(render("{{or 0 \"\"}}") == "")
        #expect(render("{{not .State.Running}}", container) == "false")
        #expect(render("{{if and .State.Running (eq .State.Pid 4242)}}ok{{end}}", container) == "ok")
    }
}
