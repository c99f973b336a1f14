@testable import Builder
import DockerfileSyntax
import Testing

/// Plans `text` as `dockyard build` would before running any step (no store, no containers).
func plan(_ text: String, target: String? = nil, arguments: [String: String] = [:]) throws -> BuildPlan {
    try BuildPlan(dockerfile: Dockerfile(parsing: text), target: target, fileName: "Dockerfile", buildArguments: arguments)
}

/// The error planning `text` stops with, or nil if it plans (a parse error fails the test).
func planError(_ text: String, target: String? = nil, arguments: [String: String] = [:],
               sourceLocation: Testing.SourceLocation = #_sourceLocation) -> BuildError? {
    let dockerfile: Dockerfile
    do {
        dockerfile = try Dockerfile(parsing: text)
    } catch {
        Issue.record("the parser refused it: \(error)", sourceLocation: sourceLocation)
        return nil
    }
    do {
        _ = try BuildPlan(dockerfile: dockerfile, target: target, fileName: "Dockerfile", buildArguments: arguments)
        return nil
    } catch {
        return error
    }
}

@Suite("Planning a build: degenerate instructions and stage references, before any step runs")
struct BuildPlanTests {
    @Test("RUN [] is refused at its line with BuildKit's words, not trapped on")
    func emptyExecRun() throws {
        let error = try #require(planError("FROM busybox\nRUN []\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("arguments are required"))
        #expect(error.description.hasPrefix("Dockerfile:2:1: error: RUN []"))
    }

    @Test("RUN with an empty program name is refused at its line")
    func emptyProgram() throws {
        let error = try #require(planError("FROM busybox\nENV A=1\nRUN [\"\", \"x\"]\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("empty string"))
    }

    @Test("RUN [] in a stage the target does not need is skipped with its stage, as BuildKit does")
    func emptyRunInSkippedStage() throws {
        let built = try plan("FROM busybox AS unused\nRUN []\nFROM busybox\nRUN [\"true\"]\n")
        #expect(built.needed == [1])
        #expect(planError("FROM busybox AS unused\nRUN []\nFROM busybox\n", target: "unused")?.line == 2)
    }

    @Test("what Docker builds plans too: CMD [], ENTRYPOINT [], SHELL [\"\"], WORKDIR \"\", USER \"\", empty heredoc")
    func acceptedDegenerateForms() throws {
        for text in ["FROM busybox\nCMD []\n", "FROM busybox\nENTRYPOINT []\n", "FROM busybox\nSHELL [\"\"]\n",
                     "FROM busybox\nWORKDIR \"\"\n", "FROM busybox\nUSER \"\"\n", "FROM busybox\nRUN <<EOF\nEOF\n",
                     "FROM busybox\nHEALTHCHECK CMD [\"\"]\n", "FROM busybox\nCOPY [\"\", \"/ctx\"]\n",
                     "FROM busybox\nCOPY a \"\"\n", "FROM busybox\nONBUILD RUN []\n", "FROM scratch\nCMD [\"/app\"]\n"] {
            #expect(planError(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test("a heredoc as a COPY or ADD source is refused with a way out, not looked up as a file named <<EOF")
    func heredocSources() throws {
        let copy = try #require(planError("FROM busybox\nCOPY <<EOF /etc/app.conf\nkey=1\nEOF\n"))
        #expect(copy.line == 2)
        #expect(copy.message.contains("not supported"))
        #expect(planError("FROM busybox\nADD <<EOF /x\nEOF\n")?.message.contains("ADD <<EOF") == true)
    }

    @Test("a stage that copies from itself, by name or number, is a circular dependency at its --from")
    func selfReference() throws {
        let named = try #require(planError("FROM busybox AS stage0\nCOPY --from=stage0 f1 /sub/\n"))
        #expect(named.message == "circular dependency detected on stage: stage0")
        #expect(named.description.hasPrefix("Dockerfile:2:6: error:"))
        #expect(planError("FROM busybox\nCOPY --from=0 f /f\n")?.message == "circular dependency detected on stage: stage-0")
    }

    @Test("stages that copy from each other in a ring are refused, even when the target needs none of them")
    func cycle() throws {
        let ring = "FROM busybox AS stage0\nCOPY --from=stage2 f1 /sub/\nFROM busybox AS stage1\nCOPY --from=stage0 f2 /sub/\n"
            + "FROM busybox AS stage2\nCOPY --from=stage1 f2 /sub/\n"
        #expect(planError(ring)?.message == "circular dependency detected on stage: stage0")
        #expect(planError(ring + "FROM busybox AS final\n")?.message == "circular dependency detected on stage: stage0")
    }

    @Test("COPY --from a stage further down builds that stage first, as BuildKit does")
    func forwardReference() throws {
        let built = try plan("FROM busybox AS app\nCOPY --from=tools /bin/tool /bin/\nFROM busybox AS tools\nRUN [\"true\"]\n",
                             target: "app")
        #expect(built.needed == [1, 0])
        #expect(try plan("FROM a AS one\nFROM one AS two\nCOPY --from=0 x /x\nFROM b\nCOPY --from=TWO y /y\n").needed == [0, 1, 2])
    }

    @Test("COPY --from=N past the last stage is an invalid stage index; an empty --from= is the context")
    func stageIndex() throws {
        let error = try #require(planError("FROM busybox\nFROM busybox\nCOPY --from=5 a /a\n"))
        #expect(error.message.hasPrefix("invalid stage index 5"))
        #expect(error.line == 3 && error.column == 6)
        #expect(planError("FROM busybox\nCOPY --from=-1 a /a\n")?.message.hasPrefix("invalid stage index -1") == true)
        #expect(try plan("FROM busybox\nCOPY --from= a /a\n").needed == [0])
        #expect(try plan("FROM busybox\nCOPY --from=alpine:3 a /a\n").needed == [0])
    }

    @Test("an unknown --target names the stages there are; an empty one means the last stage")
    func target() throws {
        let error = try #require(planError("FROM a AS build\nFROM b\n", target: "nope"))
        #expect(error.message == "target stage \"nope\" could not be found: the stages are build")
        #expect(planError("FROM a\n", target: "x")?.message.contains("names no stages") == true)
        #expect(try plan("FROM a AS one\nFROM b AS two\n", target: "").needed == [1])
        #expect(try plan("FROM a AS One\nFROM b\n", target: "ONE").needed == [0])
    }

    @Test("FROM a blank variable is refused at the FROM; FROM ${ARG} naming a stage builds that stage")
    func expandedBase() throws {
        let blank = try #require(planError("ARG IMAGE\nFROM busybox\nFROM $IMAGE\n"))
        #expect(blank.line == 3)
        #expect(blank.message == "base name ($IMAGE) should not be blank")
        let built = try plan("ARG BASE=build\nFROM busybox AS build\nRUN [\"true\"]\nFROM alpine AS other\nFROM ${BASE}\n")
        #expect(built.needed == [0, 2])
        #expect(built.baseImages == ["busybox", "alpine", "build"])
        #expect(try plan("ARG BASE=x\nFROM ${BASE}\n", arguments: ["BASE": "alpine"]).baseImages == ["alpine"])
    }
}
