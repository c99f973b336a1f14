import Testing
import GoTemplate

/// `printf` with Go's verbs for the values a template holds.
struct PrintfTests {
    @Test("%s %d %v %q %t on their own types")
    func verbs() {
        #expect(render(#"{{printf "%s %d %v %q %t" .Name .State.Pid .Config.Cmd .Name .State.Running}}"#, container)
            == #"/web 4242 [sh -c sleep 1] "/web" true"#)
        #expect(render(#"{{printf "%v|%s" .Config.Labels .Config.Env}}"#, container) == "map[a:1 b:2 com.example.team:infra]|[PATH=/bin HOME=/root]")
        #expect(render(#"{{printf "%q" .Config.Cmd}}"#, container) == #"["sh" "-c" "sleep 1"]"#)
        #expect(render(#"{{printf "%q %q" "tab\there" 65}}"#) == #""tab\there" 'A'"#)
    }

    @Test("width, precision and flags")
    func widths() {
        #expect(render(#"{{printf "[%-6s][%6s][%.2s]" "ab" "ab" "abc"}}"#) == "[ab    ][    ab][ab]")
        #expect(render(#"{{printf "[%05d][%+d][%x][%X][%o][%b]" 42 42 255 255 8 5}}"#) == "[00042][+42][ff][FF][10][101]")
        #expect(render(#"{{printf "%.2f %e %g %5.1f" 3.14159 1234.5 0.5 2.25}}"#) == "3.14 1.234500e+03 0.5   2.2")
        #expect(render(#"{{printf "%d%%" 50}}"#) == "50%")
    }

    @Test("a verb for the wrong type, a missing operand and an extra one are written inline, as Go does")
    func complaints() {
        #expect(render(#"{{printf "%d" "x"}}"#) == "%!d(string=x)")
        #expect(render(#"{{printf "%s" 5}}"#) == "%!s(int=5)")
        #expect(render(#"{{printf "%s %s" "a"}}"#) == "a %!s(MISSING)")
        #expect(render(#"{{printf "%s" "a" 1 "b"}}"#) == "a%!(EXTRA int=1, string=b)")
        #expect(render(#"{{printf "%s" .Nothing}}"#, container) == "%!s(<nil>)")
        #expect(render(#"{{printf "%"}}"#) == "%!(NOVERB)")
    }
}
