import Testing
@testable import DockerfileSyntax

/// What Docker refuses, each with a line and column.
struct RejectionTests {
    @Test("an unknown instruction suggests the closest one")
    func unknownInstruction() throws {
        let error = try #require(rejection("FROM a\n  RUNN echo\n"))
        #expect(error.code == .unknownInstruction)
        #expect(error.location == SourceLocation(line: 2, column: 3))
        #expect(error.message.contains("did you mean 'RUN'"))
        #expect(rejection("FORM alpine\n")?.message.contains("FROM") == true)
        #expect(rejection("FROM a\nCOPPY a b\n")?.message.contains("COPY") == true)
    }

    @Test("only ARG may come before the first FROM")
    func beforeFrom() throws {
        let error = try #require(rejection("ARG A\nRUN echo\nFROM a\n"))
        #expect(error.code == .instructionBeforeFrom)
        #expect(error.location == SourceLocation(line: 2, column: 1))
    }

    @Test("a file with no instructions is an error")
    func empty() throws {
        #expect(rejection("")?.code == .emptyFile)
        #expect(rejection("# only a comment\n\n")?.code == .emptyFile)
        #expect(rejection("\n\n\n")?.location.line == 3)
    }

    @Test("missing arguments point just after the keyword")
    func missingArguments() throws {
        for (text, column) in [("FROM\n", 5), ("FROM a\nCOPY onlyone\n", 13), ("FROM a\nENV\n", 4), ("FROM a\nARG\n", 4),
                               ("FROM a\nWORKDIR\n", 8), ("FROM a\nUSER\n", 5), ("FROM a\nSTOPSIGNAL\n", 11),
                               ("FROM a\nEXPOSE\n", 7), ("FROM a\nRUN\n", 4), ("FROM a\nVOLUME\n", 7), ("FROM a\nONBUILD\n", 8)] {
            let error = try #require(rejection(text), "\(text)")
            #expect(error.code == .missingArguments, "\(text)")
            #expect(error.location.column == column, "\(text)")
        }
    }

    @Test("extra arguments point at the first extra word")
    func extraArguments() throws {
        let from = try #require(rejection("FROM a b\n"))
        #expect(from.code == .extraArguments && from.location.column == 8)
        #expect(rejection("FROM a AS b c\n")?.location.column == 13)
        #expect(rejection("FROM a\nUSER a b\n")?.code == .extraArguments)
        #expect(rejection("FROM a\nWORKDIR /a /b\n")?.code == .extraArguments)
        #expect(rejection("FROM a\nSTOPSIGNAL TERM KILL\n")?.code == .extraArguments)
        #expect(rejection("FROM a\nHEALTHCHECK NONE now\n")?.code == .extraArguments)
    }

    @Test("ENV and LABEL refuse a missing = or a blank name")
    func envShape() throws {
        #expect(rejection("FROM a\nENV A=1 B\n")?.code == .invalidArguments)
        #expect(rejection("FROM a\nENV A\n")?.code == .missingArguments)
        #expect(rejection("FROM a\nLABEL =x\n")?.code == .invalidArguments)
        #expect(rejection("FROM a\nARG =x\n")?.code == .invalidArguments)
    }

    @Test("a bad or duplicate stage name is refused")
    func stageNames() throws {
        let bad = try #require(rejection("FROM a AS 1st\n"))
        #expect(bad.code == .invalidStageName && bad.location.column == 11)
        #expect(rejection("FROM a AS my$stage\n")?.code == .invalidStageName)
        let duplicate = try #require(rejection("FROM a AS build\nFROM b AS BUILD\n"))
        #expect(duplicate.code == .duplicateStageName)
        #expect(duplicate.location == SourceLocation(line: 2, column: 11))
        #expect(rejection("FROM a AS\n")?.code == .missingArguments)
    }

    @Test("unknown flags are refused with the place of the flag")
    func unknownFlag() throws {
        let error = try #require(rejection("FROM a\nCOPY --form=build a b\n"))
        #expect(error.code == .unknownFlag)
        #expect(error.location == SourceLocation(line: 2, column: 6))
        #expect(error.message.contains("--from"))
        #expect(rejection("FROM a\nENV --x=1 A=1\n")?.code == .unknownFlag)
        #expect(rejection("FROM --plat=x a\n")?.code == .unknownFlag)
    }

    @Test("flags need the right kind of value and may not repeat")
    func flagValues() throws {
        #expect(rejection("FROM a\nCOPY --from a b\n")?.code == .invalidFlag)
        #expect(rejection("FROM a\nCOPY --link=maybe a b\n")?.code == .invalidFlag)
        #expect(rejection("FROM a\nCOPY --from=x --from=y a b\n")?.code == .invalidFlag)
        #expect(rejection("FROM a\nRUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b true\n") == nil)
    }

    @Test("HEALTHCHECK durations follow Go's rules")
    func durations() throws {
        let error = try #require(rejection("FROM a\nHEALTHCHECK --interval=30 CMD true\n"))
        #expect(error.code == .invalidDuration)
        #expect(error.location.column == 13)
        #expect(rejection("FROM a\nHEALTHCHECK --timeout=10x CMD true\n")?.code == .invalidDuration)
        #expect(rejection("FROM a\nHEALTHCHECK --interval=1us CMD true\n")?.code == .invalidDuration)
        #expect(rejection("FROM a\nHEALTHCHECK --interval=0 --timeout=1h2m3.5s CMD true\n") == nil)
        #expect(rejection("FROM a\nHEALTHCHECK --retries=-1 CMD true\n")?.code == .invalidFlag)
        #expect(rejection("FROM a\nHEALTHCHECK CMD\n")?.code == .missingArguments)
        #expect(rejection("FROM a\nHEALTHCHECK RUN true\n")?.code == .invalidArguments)
    }

    @Test("EXPOSE refuses words that are not ports")
    func badPorts() throws {
        for word in ["http", "80/tcpx", "70000", "90-80", "80:80", "-1", "8o"] {
            let error = try #require(rejection("FROM a\nEXPOSE 22 \(word)\n"), "\(word)")
            #expect(error.code == .invalidPort)
            #expect(error.location.column == 11)
        }
    }

    @Test("STOPSIGNAL refuses names that are no signal")
    func badSignal() throws {
        #expect(rejection("FROM a\nSTOPSIGNAL SIGFOO\n")?.code == .invalidSignal)
        #expect(rejection("FROM a\nSTOPSIGNAL sigterm\n") == nil)
        #expect(rejection("FROM a\nSTOPSIGNAL RTMIN+3\n") == nil)
    }

    @Test("an unterminated quote is refused where Docker expands words")
    func unterminatedQuote() throws {
        let env = try #require(rejection("FROM a\nENV A=\"open\n"))
        #expect(env.code == .unterminatedQuote)
        #expect(env.location == SourceLocation(line: 2, column: 7))
        #expect(rejection("FROM a\nCOPY \"my file\" /dst/\n")?.code == .unterminatedQuote)
        #expect(rejection("FROM a\nWORKDIR '/app\n")?.code == .unterminatedQuote)
        #expect(rejection("FROM a\nRUN echo \"unbalanced is the shell's business\n") == nil)
    }

    @Test("ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER are refused")
    func onbuild() throws {
        let error = try #require(rejection("FROM a\nONBUILD onbuild RUN x\n"))
        #expect(error.code == .invalidOnbuild && error.location.column == 9)
        #expect(rejection("FROM a\nONBUILD FROM b\n")?.code == .invalidOnbuild)
        #expect(rejection("FROM a\nONBUILD MAINTAINER me\n")?.code == .invalidOnbuild)
    }

    @Test("SHELL must be JSON")
    func shellNotJSON() throws {
        #expect(rejection("FROM a\nSHELL /bin/bash -c\n")?.code == .invalidArguments)
        #expect(rejection("FROM a\nSHELL []\n")?.code == .missingArguments)
    }

    @Test("degenerate arguments the parser refuses, each at its line: empty JSON lists, blank names, bad ports and signals")
    func degenerateArguments() throws {
        let cases: [(String, DockerfileError.Code)] = [
            ("FROM a\nHEALTHCHECK CMD []\n", .missingArguments), ("FROM a\nCOPY [\"/d\"]\n", .missingArguments),
            ("FROM a\nADD []\n", .missingArguments), ("FROM a\nVOLUME [\"\"]\n", .invalidArguments),
            ("FROM a\nSTOPSIGNAL \"\"\n", .invalidSignal), ("FROM a\nSTOPSIGNAL 0\n", .invalidSignal),
            ("FROM a\nENV =x\n", .invalidArguments), ("FROM a\nLABEL =x\n", .invalidArguments),
            ("FROM a\nARG =x\n", .invalidArguments), ("FROM a\nEXPOSE 70000\n", .invalidPort),
            ("FROM a\nEXPOSE 90-80\n", .invalidPort), ("FROM a\nEXPOSE 80/xyz\n", .invalidPort),
            ("FROM a\nEXPOSE \"\"\n", .invalidPort), ("FROM a AS 1x\n", .invalidStageName),
        ]
        for (text, code) in cases {
            let error = try #require(rejection(text), "\(text.debugDescription)")
            #expect(error.code == code, "\(text.debugDescription): \(error)")
            #expect(error.location.line == text.split(separator: "\n").count, "\(text.debugDescription)")
        }
        // What Docker parses and leaves to the build (BuilderTests check what the build makes of them).
        for text in ["FROM a\nRUN []\n", "FROM a\nCMD []\n", "FROM a\nENTRYPOINT []\n", "FROM a\nSHELL [\"\"]\n",
                     "FROM a\nWORKDIR \"\"\n", "FROM a\nUSER \"\"\n", "FROM a\nCOPY --from= a b\n", "FROM a\nRUN <<EOF\nEOF\n"] {
            #expect(rejection(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test("binary content is refused, not crashed on")
    func binary() throws {
        let nul = try #require(rejection("FROM a\nRUN \u{0}\u{1}\n"))
        #expect(nul.code == .binaryContent && nul.location == SourceLocation(line: 2, column: 5))
        let invalid = try #require(rejection(bytes: Array("FROM a\n".utf8) + [0xFF, 0xFE, 0x00]))
        #expect(invalid.code == .binaryContent && invalid.location.line == 2)
    }

    @Test("errors in continued lines point at the right physical line")
    func locationInContinuation() throws {
        let error = try #require(rejection("FROM a\nCOPY --chown=1 \\\n   --bogus=2 \\\n   a b\n"))
        #expect(error.location == SourceLocation(line: 3, column: 4))
    }

    @Test("the rendered error has the file, line, column, the line and a caret")
    func rendering() throws {
        let source = try SourceFile("FROM a\n\tRUNN x\n")
        let error = try #require(rejection("FROM a\n\tRUNN x\n"))
        let text = error.rendered(fileName: "Dockerfile", source: source)
        #expect(text == "Dockerfile:2:2: error: unknown instruction 'RUNN' (did you mean 'RUN'?)\n\tRUNN x\n\t^\n")
    }
}
