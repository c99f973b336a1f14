import Testing
@testable import DockerfileSyntax

/// Physical lines, comments, continuations, CRLF, BOM and whitespace.
struct LineRulesTests {
    @Test("instructions are case-insensitive and keep their spelling")
    func caseInsensitive() throws {
        let file = try parsed("from alpine\nRuN echo hi\nCmd [\"sh\"]\n")
        #expect(file.instructions.map(\.keyword) == [.from, .run, .cmd])
        #expect(file.instructions[1].spelling == "RuN")
    }

    @Test("a continuation joins lines and the instruction spans them")
    func continuation() throws {
        let file = try parsed("FROM alpine\nRUN echo one \\\n  two \\\n  three\nCMD x\n")
        let run = file.instructions[1]
        #expect(run.arguments == ["echo one   two   three"])
        #expect(run.line == 2 && run.endLine == 4)
        #expect(file.instructions[2].line == 5)
    }

    @Test("comment lines and empty lines inside a continuation are skipped but counted")
    func commentsInsideContinuation() throws {
        let file = try parsed("FROM alpine\nRUN apt-get update && \\\n# a comment\n\n    apt-get install -y curl\nUSER nobody\n")
        #expect(file.instructions[1].arguments == ["apt-get update &&     apt-get install -y curl"])
        #expect(file.instructions[1].endLine == 5)
        #expect(file.instructions[2].line == 6)
    }

    @Test("an indented comment inside a continuation is skipped")
    func indentedComment() throws {
        let file = try parsed("FROM a\nRUN one \\\n    # note \\\n    two\n")
        #expect(file.instructions[1].arguments == ["one     two"])
    }

    @Test("a backslash followed by trailing blanks still continues the line")
    func continuationWithTrailingSpace() throws {
        let file = try parsed("FROM a\nRUN one \\  \t\ntwo\n")
        #expect(file.instructions[1].arguments == ["one two"])
    }

    @Test("an escaped backslash at the end of a line does not continue it")
    func escapedEscape() throws {
        let file = try parsed("FROM a\nRUN echo \\\\\nUSER x\n")
        #expect(file.instructions.count == 3)
        #expect(file.instructions[1].arguments == ["echo \\\\"])
    }

    @Test("a continuation at the end of the file ends the instruction")
    func continuationAtEOF() throws {
        let file = try parsed("FROM a\nRUN echo hi \\")
        #expect(file.instructions[1].arguments == ["echo hi"])
    }

    @Test("CRLF line endings read like LF")
    func crlf() throws {
        let file = try parsed("FROM alpine\r\nRUN echo a \\\r\n  b\r\nENV A=1\r\n")
        #expect(file.instructions[1].arguments == ["echo a   b"])
        #expect(file.instructions[2].arguments == ["A=1"])
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func bom() throws {
        let file = try Dockerfile(bytes: [0xEF, 0xBB, 0xBF] + Array("FROM alpine\n".utf8))
        #expect(file.instructions.first?.keyword == .from)
    }

    @Test("a byte-order mark does not hide a directive")
    func bomDirective() throws {
        let file = try Dockerfile(bytes: [0xEF, 0xBB, 0xBF] + Array("# escape=`\nFROM a\n".utf8))
        #expect(file.directives.escape == "`")
    }

    @Test("leading whitespace before instructions and comments is ignored")
    func leadingWhitespace() throws {
        let file = try parsed("   FROM alpine\n\t# comment\n\t  RUN true\n")
        #expect(file.instructions.map(\.keyword) == [.from, .run])
    }

    @Test("a comment is only a comment at the start of a line")
    func hashInsideLine() throws {
        let file = try parsed("FROM a\nRUN echo # not a comment\n")
        #expect(file.instructions[1].arguments == ["echo # not a comment"])
    }

    @Test("line numbers count every physical line")
    func lineNumbers() throws {
        let file = try parsed("\n# c\n\nFROM a\n\n\nRUN x\n")
        #expect(file.instructions.map(\.line) == [4, 7])
    }

    @Test("empty continuation lines are allowed, as Docker only warns")
    func emptyContinuation() throws {
        let file = try parsed("FROM a\nRUN a \\\n\n   \nb\n")
        #expect(file.instructions[1].arguments == ["a b"])
        #expect(file.instructions[1].endLine == 5)
    }
}

/// Parser directives at the top of the file.
struct DirectiveTests {
    @Test("syntax and escape directives are read at the top")
    func directives() throws {
        let file = try parsed("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n")
        #expect(file.directives.syntax == "docker/dockerfile:1")
        #expect(file.directives.escape == "`")
    }

    @Test("directive names are case-insensitive and spaces around = are allowed")
    func directiveSpacing() throws {
        let file = try parsed("#  ESCAPE =  `  \nFROM a\n")
        #expect(file.directives.escape == "`")
    }

    @Test("a directive after a comment is an ordinary comment")
    func afterComment() throws {
        let file = try parsed("# hello\n# escape=`\nFROM a\n")
        #expect(file.directives.escape == "\\")
    }

    @Test("a directive after a blank line is an ordinary comment")
    func afterBlank() throws {
        let file = try parsed("\n# escape=`\nFROM a\n")
        #expect(file.directives.escape == "\\")
    }

    @Test("a directive after an instruction is an ordinary comment")
    func afterInstruction() throws {
        let file = try parsed("FROM a\n# escape=`\nRUN x \\\ny\n")
        #expect(file.directives.escape == "\\")
        #expect(file.instructions[1].arguments == ["x y"])
    }

    @Test("an unknown directive ends the directive block")
    func unknownDirective() throws {
        let file = try parsed("# foo=bar\n# escape=`\nFROM a\n")
        #expect(file.directives.escape == "\\")
    }

    @Test("the backtick escape continues lines and leaves backslashes alone")
    func backtickEscape() throws {
        let file = try parsed("# escape=`\nFROM windows\nRUN dir c:\\ `\n  /s\nWORKDIR c:\\app\n")
        #expect(file.instructions[1].arguments == ["dir c:\\   /s"])
        #expect(file.instructions[2].arguments == ["c:\\app"])
    }

    @Test("a repeated directive is an error")
    func repeated() throws {
        let error = try #require(rejection("# escape=`\n# escape=\\\nFROM a\n"))
        #expect(error.code == .invalidDirective)
        #expect(error.location.line == 2)
    }

    @Test("an escape other than backslash or backtick is an error")
    func badEscape() throws {
        let error = try #require(rejection("# escape=x\nFROM a\n"))
        #expect(error.code == .invalidDirective)
        #expect(error.location == SourceLocation(line: 1, column: 10))
    }
}
