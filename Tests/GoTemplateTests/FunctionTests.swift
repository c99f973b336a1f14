import Testing
import GoTemplate

/// Go's predefined functions and Docker's additions.
struct FunctionTests {
    @Test("json is compact, keeps < > & as they are, and keeps the object's key order")
    func json() {
        #expect(render("{{json .State}}", container) == #"{"Running":true,"Pid":4242,"ExitCode":0,"Status":"running"}"#)
        #expect(render("{{json .}}", ["html": "<a href=\"x\">&</a>", "nl": "a\nb\u{2028}"])
            == #"{"html":"<a href=\"x\">&</a>","nl":"a\nb\u2028"}"#)
        #expect(render("{{json .Nothing}} {{json .Config.Cmd}}", container) == #"null ["sh","-c","sleep 1"]"#)
        #expect(render("{{json .}}", .double(1e21)) == "1e+21")
        #expect(render("{{json .}}", .double(0.0000001)) == "1e-7")
        #expect(render("{{json .}}", .double(1_000_000)) == "1000000")
    }

    @Test("index looks up map keys and slice elements; a missing key gives <nil>")
    func index() {
        #expect(render(#"{{index .Config.Labels "com.example.team"}}"#, container) == "infra")
        #expect(render("{{index .Config.Cmd 2}}", container) == "sleep 1")
        #expect(render(#"{{index .Config.Labels "nope"}}"#, container) == "<nil>")
        #expect(render("{{index .Config.Cmd 9}}", container)
            == "ERROR: template: :1:2: executing \"\" at <index .Config.Cmd 9>: error calling index: index out of range: 9")
        #expect(render(#"{{index .NetworkSettings.Networks "bridge" | json}}"#, container) == #"{"IPAddress":"172.17.0.2"}"#)
    }

    @Test("len of strings (bytes), slices and maps")
    func length() {
        #expect(render("{{len .Name}} {{len .Config.Env}} {{len .Config.Labels}}", container) == "4 2 3")
        #expect(render("{{len .State.Pid}}", container)
            == "ERROR: template: :1:2: executing \"\" at <len .State.Pid>: error calling len: len of type int")
    }

    @Test("join, split, upper, lower, title")
    func strings() {
        #expect(render(#"{{join .Config.Cmd ","}}"#, container) == "sh,-c,sleep 1")
        #expect(render(#"{{split "a:b::c" ":"}}"#) == "[a b  c]")
        #expect(render(#"{{join (split "a b" " ") "+"}}"#) == "a+b")
        #expect(render(#"{{.Name | upper}} {{"ÀB" | lower}} {{title "hello wide-world"}}"#, container) == "/WEB àb Hello Wide-World")
        #expect(render(#"{{upper "straße"}}"#) == "STRAßE")
        #expect(render("{{upper .State.Pid}}", container)
            == "ERROR: template: :1:2: executing \"\" at <upper .State.Pid>: wrong type for value; expected string; got int")
    }

    @Test("Docker's pad and truncate")
    func padTruncate() {
        #expect(render(#"[{{pad "ab" 2 1}}][{{pad "" 2 1}}]"#) == "[  ab ][]")
        #expect(render(#"{{truncate .Id 5}} {{truncate "ab" 5}} {{truncate "abc" 3}}"#, container) == "3a873 ab abc")
    }

    @Test("comparisons: eq with several operands, ne, lt, le, gt, ge")
    func comparisons() {
        #expect(render(#"{{eq .State.Status "exited" "running"}}"#, container) == "true")
        #expect(render(#"{{ne .Name "/web"}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2}}"#, container) == "false true true true false")
        #expect(render("{{eq .Nothing nil}} {{eq .Nothing 1}}", container) == "true false")
        #expect(render(#"{{eq 1 "1"}}"#)
            == "ERROR: template: :1:2: executing \"\" at <eq 1 \"1\">: error calling eq: incompatible types for comparison")
        #expect(render("{{lt true false}}")
            == "ERROR: template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison")
    }

    @Test("print and println space operands as Go's Sprint and Sprintln do")
    func printing() {
        #expect(render(#"{{print 1 2 "a" 3 "b" "c"}}"#) == "1 2a3bc")
        #expect(render(#"{{println "a" 1 .Nope}}"#, container) == "a 1 <nil>\n")
    }

    @Test("a pipeline passes each result as the last argument")
    func pipelines() {
        #expect(render(#"{{.Config.Labels | len | printf "%d labels"}}"#, container) == "3 labels")
        #expect(render("{{.Name | .State}}", container)
            == "ERROR: template: :1:10: executing \"\" at <.State>: State is not a method but has arguments")
    }

    @Test("wrong argument counts are execution errors with Go's wording")
    func arity() {
        #expect(render("{{upper}}") == "ERROR: template: :1:2: executing \"\" at <upper>: wrong number of args for upper: want 1 got 0")
        #expect(render("{{index}}") == "ERROR: template: :1:2: executing \"\" at <index>: wrong number of args for index: want at least 1 got 0")
    }
}
