import Testing
@testable import DockerfileSyntax

/// Variable expansion and word splitting with Docker's shell-lexer rules.
struct ExpansionTests {
    let env = ["NAME": "world", "EMPTY": "", "SPACED": "a  b c", "PATH": "/usr/bin", "FILE": "archive.tar.gz"]
    let lexer = ShellLexer()

    func expand(_ word: String) throws -> String { try lexer.expand(word, environment: env) }

    @Test("$VAR and ${VAR} expand; unset variables are empty")
    func simple() throws {
        #expect(try expand("hello $NAME") == "hello world")
        #expect(try expand("${NAME}s") == "worlds")
        #expect(try expand("$UNSET-x") == "-x")
        #expect(try expand("$") == "$")
        #expect(try expand("a$ b") == "a$ b")
    }

    @Test("default and alternative values follow the colon rules")
    func modifiers() throws {
        #expect(try expand("${UNSET:-dflt}") == "dflt")
        #expect(try expand("${EMPTY:-dflt}") == "dflt")
        #expect(try expand("${EMPTY-dflt}") == "")
        #expect(try expand("${UNSET-dflt}") == "dflt")
        #expect(try expand("${NAME:+alt}") == "alt")
        #expect(try expand("${EMPTY:+alt}") == "")
        #expect(try expand("${EMPTY+alt}") == "alt")
        #expect(try expand("${UNSET+alt}") == "")
        #expect(try expand("${UNSET:-$NAME}") == "world")
    }

    @Test("${VAR?message} fails when unset")
    func required() throws {
        #expect(throws: ExpansionError.self) { try expand("${UNSET?must be set}") }
        #expect(throws: ExpansionError.self) { try expand("${EMPTY:?}") }
        #expect(try expand("${NAME?x}") == "world")
    }

    @Test("prefix, suffix and replacement patterns")
    func patterns() throws {
        #expect(try expand("${FILE#*.}") == "tar.gz")
        #expect(try expand("${FILE##*.}") == "gz")
        #expect(try expand("${FILE%.*}") == "archive.tar")
        #expect(try expand("${FILE%%.*}") == "archive")
        #expect(try expand("${PATH/usr/opt}") == "/opt/bin")
        #expect(try expand("${FILE//a/A}") == "Archive.tAr.gz")
    }

    @Test("single quotes are literal, double quotes expand, escapes escape")
    func quotes() throws {
        #expect(try expand("'$NAME'") == "$NAME")
        #expect(try expand("\"$NAME\"") == "world")
        #expect(try expand("\\$NAME") == "$NAME")
        #expect(try expand("\"a\\\"b\"") == "a\"b")
        #expect(try expand("\"a\\nb\"") == "a\\nb")
        #expect(try expand("it\\'s") == "it's")
    }

    @Test("the backtick escape works when the directive asks for it")
    func backtick() throws {
        let backtick = ShellLexer(escape: "`")
        #expect(try backtick.expand("`$NAME c:\\dir", environment: env) == "$NAME c:\\dir")
    }

    @Test("words split at unquoted whitespace and inside expanded values, not inside quotes")
    func wordSplitting() throws {
        #expect(try lexer.words("a  b \"c d\" 'e f'", environment: env) == ["a", "b", "c d", "e f"])
        #expect(try lexer.words("x$SPACED", environment: env) == ["xa", "b", "c"])
        #expect(try lexer.words("\"$SPACED\"", environment: env) == ["a  b c"])
        #expect(try lexer.words("a\\ b", environment: env) == ["a b"])
        #expect(try lexer.words("$EMPTY", environment: env) == [])
    }

    @Test("syntax errors and unterminated quotes are reported with their offset")
    func errors() throws {
        #expect(throws: ExpansionError.self) { try expand("${") }
        #expect(throws: ExpansionError.self) { try expand("${}") }
        #expect(throws: ExpansionError.self) { try expand("${NAME") }
        #expect(throws: ExpansionError.self) { try expand("${NAME:x}") }
        do throws(ExpansionError) {
            _ = try lexer.expand("ab \"cd", environment: env)
            Issue.record("expected an error")
        } catch {
            #expect(error.isUnterminatedQuote)
            #expect(error.offset == 3)
        }
    }

    @Test("unset variables can be kept as written, to inspect text without an environment")
    func keepUnset() throws {
        var keeping = ShellLexer()
        keeping.keepsUnsetVariables = true
        #expect(try keeping.expand("$A ${B} ${C:-d} $NAME", environment: env) == "$A ${B} ${C:-d} world")
        let result = try keeping.process("$A $NAME", environment: env)
        #expect(result.unmatched == ["A"])
        #expect(result.matched == ["NAME"])
    }

    @Test("special and positional parameters are read as Docker reads them")
    func specialParameters() throws {
        #expect(try lexer.expand("$1x $@ $#", environment: ["1": "one", "@": "all", "#": "n"]) == "onex all n")
    }
}
