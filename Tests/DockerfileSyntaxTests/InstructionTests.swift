import Testing
@testable import DockerfileSyntax

/// Every instruction's accepted forms and what they parse to.
struct InstructionTests {
    @Test("FROM takes an image, an optional stage name and --platform")
    func from() throws {
        let file = try parsed("ARG V=3\nFROM --platform=$BUILDPLATFORM alpine:$V AS Build\nFROM scratch\n")
        let from = file.instructions[1]
        #expect(from.details == .from(image: "alpine:$V", stageName: "build", platform: "$BUILDPLATFORM"))
        #expect(from.flag("platform") == "$BUILDPLATFORM")
        #expect(file.stages.map(\.name) == ["build", nil])
        #expect(file.globalArguments.count == 1)
    }

    @Test("RUN, CMD and ENTRYPOINT keep shell form as one string")
    func shellForm() throws {
        let file = try parsed("FROM a\nRUN echo  \"a b\"  && ls\nCMD echo hi\nENTRYPOINT exec top -b\n")
        #expect(file.instructions[1].arguments == ["echo  \"a b\"  && ls"])
        #expect(file.instructions[1].details == .run(.shell("echo  \"a b\"  && ls")))
        #expect(file.instructions[2].isJSONForm == false)
        #expect(file.instructions[3].details == .entrypoint(.shell("exec top -b")))
    }

    @Test("a JSON array of strings is exec form")
    func execForm() throws {
        let file = try parsed("FROM a\nCMD [\"echo\", \"a\\\"b\", \"\\u00e9\"]\nENTRYPOINT []\n")
        #expect(file.instructions[1].isJSONForm)
        #expect(file.instructions[1].arguments == ["echo", "a\"b", "é"])
        #expect(file.instructions[2].details == .entrypoint(.exec([])))
    }

    @Test("anything that is not valid JSON falls back to shell form")
    func invalidJSONFallsBack() throws {
        for text in ["['echo', 'hi']", "[\"echo\", \"hi\"", "[\"a\"] trailing", "[echo]", "[\"a\",]", "{\"a\": 1}"] {
            let file = try parsed("FROM a\nCMD \(text)\n")
            #expect(file.instructions[1].isJSONForm == false, "\(text)")
            #expect(file.instructions[1].arguments == [text])
        }
    }

    @Test("a valid JSON array holding a non-string is an error, as in Docker")
    func nonStringJSON() throws {
        let error = try #require(rejection("FROM a\nCMD [\"a\", 1]\n"))
        #expect(error.code == .invalidJSON)
        #expect(error.location == SourceLocation(line: 2, column: 11))
    }

    @Test("COPY and ADD take any flags Docker knows, in --name=value and bare forms")
    func copyFlags() throws {
        let file = try parsed("""
            FROM a AS build
            FROM b
            COPY --from=build --chown=1000:1000 --chmod=755 --link /out/app /usr/bin/
            ADD --link=false --checksum=sha256:abc --keep-git-dir https://x/y.tar /src/
            COPY --parents --exclude=*.md --exclude=*.txt ./a ./b /dst/
            """)
        let copy = file.instructions[2]
        #expect(copy.flag("from") == "build")
        #expect(copy.flag("chown") == "1000:1000")
        #expect(copy.flag("link") == "")
        #expect(copy.details == .copy(sources: ["/out/app"], destination: "/usr/bin/"))
        #expect(file.instructions[3].flag("link") == "false")
        #expect(file.instructions[4].flags.filter { $0.name == "exclude" }.count == 2)
    }

    @Test("COPY splits at whitespace without quote handling, or takes JSON")
    func copyArguments() throws {
        let file = try parsed("FROM a\nCOPY a  b\tc /d/\nCOPY [\"my file\", \"/d/\"]\n")
        #expect(file.instructions[1].arguments == ["a", "b", "c", "/d/"])
        #expect(file.instructions[2].isJSONForm)
        #expect(file.instructions[2].details == .copy(sources: ["my file"], destination: "/d/"))
    }

    @Test("flag values may be quoted and flags end at --")
    func quotedFlags() throws {
        let file = try parsed("FROM a\nRUN --mount=type=cache,target=\"/root/.cache\" -- make\n")
        #expect(file.instructions[1].flag("mount") == "type=cache,target=/root/.cache")
        #expect(file.instructions[1].arguments == ["make"])
    }

    @Test("ENV accepts key=value pairs with quotes and escapes, kept as written")
    func envPairs() throws {
        let file = try parsed("FROM a\nENV A=1 B=\"two words\" C=three\\ words D='x y' E=\n")
        let env = file.instructions[1]
        #expect(env.arguments == ["A=1", "B=\"two words\"", "C=three\\ words", "D='x y'", "E="])
        guard case .env(let pairs) = env.details else { Issue.record("not env"); return }
        #expect(pairs.map(\.key) == ["A", "B", "C", "D", "E"])
    }

    @Test("the legacy ENV key value form takes the rest of the line as the value")
    func legacyEnv() throws {
        let file = try parsed("FROM a\nENV PATH /usr/local/bin:$PATH with spaces\nLABEL version 1.0\n")
        #expect(file.instructions[1].arguments == ["PATH=/usr/local/bin:$PATH with spaces"])
        #expect(file.instructions[2].details == .label([KeyValue(key: "version", value: "1.0")]))
    }

    @Test("LABEL takes several pairs over continuation lines")
    func labels() throws {
        let file = try parsed("FROM a\nLABEL org.opencontainers.image.title=\"Dock yard\" \\\n      version=1\n")
        #expect(file.instructions[1].arguments == ["org.opencontainers.image.title=\"Dock yard\"", "version=1"])
    }

    @Test("ARG works before FROM, with and without a default, several per line")
    func args() throws {
        let file = try parsed("ARG A\nARG B=2 C=\"x y\"\nFROM a\nARG A\n")
        #expect(file.instructions[1].details == .arg([ArgumentDeclaration(name: "B", defaultValue: "2"),
                                                       ArgumentDeclaration(name: "C", defaultValue: "\"x y\"")]))
        #expect(file.instructions[0].arguments == ["A"])
    }

    @Test("WORKDIR, USER, STOPSIGNAL and MAINTAINER take one argument")
    func singleArguments() throws {
        let file = try parsed("FROM a\nWORKDIR /app\nUSER app:app\nSTOPSIGNAL SIGQUIT\nSTOPSIGNAL 9\nMAINTAINER Jane Doe <jane@example.com>\nWORKDIR \"/my dir\"\nSTOPSIGNAL $SIG\n")
        #expect(file.instructions[1].details == .workdir("/app"))
        #expect(file.instructions[2].details == .user("app:app"))
        #expect(file.instructions[3].details == .stopSignal("SIGQUIT"))
        #expect(file.instructions[5].arguments == ["Jane Doe <jane@example.com>"])
        #expect(file.instructions[6].arguments == ["\"/my dir\""])
    }

    @Test("EXPOSE takes ports, ranges and protocols, and variables")
    func expose() throws {
        let file = try parsed("FROM a\nEXPOSE 80 443/tcp 53/UDP 8000-8010 9000/sctp $PORT\n")
        guard case .expose(let ports) = file.instructions[1].details else { Issue.record("not expose"); return }
        #expect(ports.map(\.range) == [80...80, 443...443, 53...53, 8000...8010, 9000...9000, nil])
        #expect(ports[2].proto == "udp")
    }

    @Test("VOLUME takes JSON or plain words")
    func volume() throws {
        let file = try parsed("FROM a\nVOLUME [\"/data\", \"/logs\"]\nVOLUME /a /b\n")
        #expect(file.instructions[1].isJSONForm)
        #expect(file.instructions[1].details == .volume(["/data", "/logs"]))
        #expect(file.instructions[2].details == .volume(["/a", "/b"]))
    }

    @Test("SHELL takes a JSON array")
    func shell() throws {
        let file = try parsed("FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n")
        #expect(file.instructions[1].details == .shell(["/bin/bash", "-o", "pipefail", "-c"]))
    }

    @Test("HEALTHCHECK takes NONE, or options and CMD in either form")
    func healthcheck() throws {
        let file = try parsed("""
            FROM a
            HEALTHCHECK NONE
            HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1
            HEALTHCHECK CMD ["/bin/check", "--quick"]
            """)
        #expect(file.instructions[1].arguments == ["NONE"])
        #expect(file.instructions[2].arguments == ["CMD", "curl -f http://localhost/ || exit 1"])
        guard case .healthcheck(.check(_, let interval, let timeout, _, let startInterval, let retries)) = file.instructions[2].details else {
            Issue.record("not a check"); return
        }
        #expect(interval?.nanoseconds == 30_000_000_000)
        #expect(timeout?.nanoseconds == 90_000_000_000)
        #expect(startInterval?.nanoseconds == 500_000_000)
        #expect(retries == 3)
        #expect(file.instructions[3].isJSONForm)
        #expect(file.instructions[3].arguments == ["CMD", "/bin/check", "--quick"])
    }

    @Test("ONBUILD wraps another instruction")
    func onbuild() throws {
        let file = try parsed("FROM a\nONBUILD RUN echo hi\nONBUILD COPY --chown=1 . /app\n")
        #expect(file.instructions[1].arguments == ["RUN", "echo hi"])
        guard case .onbuild(let trigger) = file.instructions[2].details else { Issue.record("not onbuild"); return }
        #expect(trigger.keyword == .copy)
        #expect(trigger.flag("chown") == "1")
    }

    @Test("every instruction has a teaching sentence")
    func explanations() throws {
        let file = try parsed("""
            ARG V=1
            FROM alpine AS build
            RUN echo hi
            CMD ["sh"]
            ENTRYPOINT top
            COPY a b
            ADD c d
            ENV A=1
            LABEL k=v
            WORKDIR /x
            USER me
            EXPOSE 80
            VOLUME /v
            SHELL ["sh", "-c"]
            STOPSIGNAL SIGINT
            HEALTHCHECK NONE
            ONBUILD RUN x
            MAINTAINER me
            """)
        #expect(Set(file.instructions.map(\.keyword)) == Set(Keyword.allCases))
        for instruction in file.instructions {
            #expect(!instruction.explanation.isEmpty)
            #expect(instruction.explanation.hasSuffix("."))
        }
        #expect(file.instructions[2].effect == .layer)
        #expect(file.instructions[3].effect == .config)
    }
}
