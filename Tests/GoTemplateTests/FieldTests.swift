import Testing
import GoTemplate

/// Fields, dot, `$`, variables and how Go prints what they find.
struct FieldTests {
    @Test("a field and a chain of fields print their values")
    func fields() {
        #expect(render("{{.Name}}", container) == "/web")
        #expect(render("{{.State.Running}} {{.State.Pid}}", container) == "true 4242")
        #expect(render("{{.NetworkSettings.Networks.bridge.IPAddress}}", container) == "172.17.0.2")
    }

    @Test("Go prints maps sorted as map[k:v], slices as [a b], nil as <nil>")
    func goPrinting() {
        #expect(render("{{.Config.Labels}}", container) == "map[a:1 b:2 com.example.team:infra]")
        #expect(render("{{.Config.Cmd}}", container) == "[sh -c sleep 1]")
        #expect(render("{{.Nothing}}", container) == "<nil>")
        #expect(render("{{.Mounts}}", container) == "[]")
        #expect(render("{{.}}", ["a": [1, 2], "b": ["c": true]]) == "map[a:[1 2] b:map[c:true]]")
    }

    @Test("a missing key prints <no value>, and so does a field of it")
    func missing() {
        #expect(render("{{.Nope}}", container) == "<no value>")
        #expect(render("{{.Nope.Deeper}}", container) == "<no value>")
    }

    @Test("missingkey=error, as inspect runs, names the key")
    func missingKeyError() {
        #expect(render("{{.Nope}}", container, missingKey: .error)
            == "ERROR: template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"")
    }

    @Test("a struct-like row names the field and its type, as docker ps does")
    func structField() {
        #expect(render("{{.ID}} {{.Foo}}", ["ID": "abc"], missingKey: .structField("*formatter.ContainerContext"))
            == "ERROR: template: :1:10: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext")
    }

    @Test("a field of nil or of a string is an error naming the field")
    func badReceivers() {
        #expect(render("{{.Nothing.X}}", container)
            == "ERROR: template: :1:2: executing \"\" at <.Nothing.X>: nil pointer evaluating interface {}.X")
        #expect(render("{{.Name.X}}", container)
            == "ERROR: template: :1:2: executing \"\" at <.Name.X>: can't evaluate field X in type string")
    }

    @Test("Go's floats: 1.5, 1e+06, 1.234567e+06, 0.0001, 1e-05")
    func floats() {
        #expect(render("{{.HostConfig.NanoCpus}}", container) == "1.5")
        #expect(render("{{.}}", .double(1_000_000)) == "1e+06")
        #expect(render("{{.}}", .double(123_456)) == "123456")
        #expect(render("{{.}}", .double(1_234_567)) == "1.234567e+06")
        #expect(render("{{.}}", .double(0.0001)) == "0.0001")
        #expect(render("{{.}}", .double(0.00001)) == "1e-05")
        #expect(render("{{.}}", .double(-2.5)) == "-2.5")
        #expect(render("{{.}}", .double(0)) == "0")
    }

    @Test("$ is the root, variables are declared, assigned and scoped")
    func variables() {
        #expect(render("{{with .State}}{{$.Name}} {{.Pid}}{{end}}", container) == "/web 4242")
        #expect(render("{{$x := .Name}}{{$x}}", container) == "/web")
        #expect(render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", container) == "2")
        #expect(render("{{$n := .State}}{{$n.Pid}}", container) == "4242")
        #expect(render("{{if true}}{{$y := 1}}{{end}}{{$y}}") == "ERROR: template: :1: undefined variable \"$y\"")
    }

    @Test("a parenthesized pipeline's field")
    func chain() {
        #expect(render("{{(index .Config.Labels \"a\")}}", container) == "1")
        #expect(render("{{(.NetworkSettings.Networks).bridge.IPAddress}}", container) == "172.17.0.2")
    }
}
