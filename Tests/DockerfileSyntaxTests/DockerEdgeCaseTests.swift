import Testing
@testable import DockerfileSyntax

/// Corner cases from Docker's own parser tests and from real Dockerfiles.
struct DockerEdgeCaseTests {
    @Test("JSON form allows whitespace inside and after the array, and surrogate pairs")
    func jsonWhitespace() throws {
        let file = try parsed("FROM a\nCMD [ \"a\" ,\t\"b\" ]   \nRUN [\"\\ud83d\\ude00\", \"\\/\"]\n")
        #expect(file.instructions[1].arguments == ["a", "b"])
        #expect(file.instructions[2].arguments == ["😀", "/"])
    }

    @Test("nested JSON arrays and objects are valid JSON but not strings")
    func nestedJSON() throws {
        #expect(rejection("FROM a\nCMD [[\"a\"]]\n")?.code == .invalidJSON)
        #expect(rejection("FROM a\nCOPY [{\"a\": 1}, \"b\"]\n")?.code == .invalidJSON)
        #expect(rejection("FROM a\nVOLUME [null]\n")?.code == .invalidJSON)
    }

    @Test("an ENV value may hold an escaped quote and spaces")
    func envEscapedQuote() throws {
        let file = try parsed("FROM a\nENV A=\"say \\\"hi\\\"\" B=c\\ d\n")
        guard case .env(let pairs) = file.instructions[1].details else { Issue.record("not env"); return }
        #expect(pairs.count == 2)
        var lexer = ShellLexer()
        lexer.keepsUnsetVariables = true
        #expect(try lexer.expand(pairs[0].value, environment: [:]) == "say \"hi\"")
        #expect(try lexer.expand(pairs[1].value, environment: [:]) == "c d")
    }

    @Test("under the backtick escape, backslashes in Windows paths are plain characters")
    func windowsPaths() throws {
        let file = try parsed("# escape=`\nFROM windows\nCOPY . c:\\app\\\nENV P=c:\\tools `\n    Q=1\n")
        #expect(file.instructions[1].arguments == [".", "c:\\app\\"])
        #expect(file.instructions[2].arguments == ["P=c:\\tools", "Q=1"])
    }

    @Test("COPY heredocs may be chomped and quoted, and keep their content literal")
    func copyHeredoc() throws {
        let file = try parsed("FROM a\nCOPY --chmod=755 <<-\"EOF\" /run.sh\n\t#!/bin/sh\n\techo $HOME\n\tEOF\n")
        let heredoc = try #require(file.instructions[1].heredocs.first)
        #expect(heredoc.content == "#!/bin/sh\necho $HOME\n")
        #expect(heredoc.expand == false && heredoc.chomp)
    }

    @Test("a heredoc delimiter needs the whole line: trailing spaces do not close it")
    func delimiterMustMatchExactly() throws {
        let file = try parsed("FROM a\nRUN <<EOF\nx\nEOF \nEOF\n")
        #expect(file.instructions[1].heredocs.first?.content == "x\nEOF \n")
    }

    @Test("keywords and AS may be any case; stage names are lower-cased")
    func mixedCase() throws {
        let file = try parsed("from alpine as Builder\ncopy --from=x a b\n")
        #expect(file.stages.first?.name == "builder")
    }

    @Test("MAINTAINER, WORKDIR and USER keep variables unexpanded")
    func variablesKept() throws {
        let file = try parsed("FROM a\nWORKDIR $HOME/app\nUSER ${UID:-1000}\n")
        #expect(file.instructions[1].details == .workdir("$HOME/app"))
        #expect(file.instructions[2].details == .user("${UID:-1000}"))
    }

    @Test("a broken ${…} is refused where the builder expands words")
    func brokenSubstitution() throws {
        let error = try #require(rejection("FROM a\nWORKDIR /app/${DIR\n"))
        #expect(error.code == .invalidArguments)
        #expect(error.location == SourceLocation(line: 2, column: 14))
        #expect(rejection("FROM a\nRUN echo ${BROKEN\n") == nil)
    }
}
