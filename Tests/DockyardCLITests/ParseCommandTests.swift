import ArgumentParser
import DockerfileSyntax
import Testing
import TestSupport
@testable import DockyardCLI

/// `dockyard parse`: exit status, the teaching view, and argument handling.
struct ParseCommandTests {
    @Test("a valid Dockerfile parses without error, in both views")
    func validFile() throws {
        let directory = try TemporaryDirectory(prefix: "parse")
        try directory.write("Dockerfile", "FROM alpine\nRUN echo hi\n")
        var plain = try ParseCommand.parse([directory.appending("Dockerfile")])
        try plain.run()
        var json = try ParseCommand.parse(["--json", directory.appending("Dockerfile")])
        #expect(json.json)
        try json.run()
    }

    @Test("a Dockerfile Docker would reject exits with status 1")
    func invalidFile() throws {
        let directory = try TemporaryDirectory(prefix: "parse")
        try directory.write("Dockerfile", "FROM alpine\nRUNN echo hi\n")
        var command = try ParseCommand.parse([directory.appending("Dockerfile")])
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test("a missing file exits with status 1")
    func missingFile() throws {
        var command = try ParseCommand.parse(["/nonexistent/Dockerfile"])
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test("the teaching view lists each instruction with its lines and a sentence")
    func teachingView() throws {
        let file = try Dockerfile(parsing: "# syntax=docker/dockerfile:1\nFROM alpine AS build\nRUN apk add \\\n  curl\nFROM scratch\nCOPY --from=build /bin/curl /curl\n")
        let view = ParseCommand.teachingView(file, fileName: "Dockerfile")
        #expect(view.hasPrefix("Dockerfile: 4 instructions, 2 stages (escape \\, syntax docker/dockerfile:1)\n"))
        #expect(view.contains("line 2     FROM alpine AS build\n"))
        #expect(view.contains("lines 3-4  RUN apk add   curl\n"))
        #expect(view.contains("layer: Runs `apk add   curl`"))
        #expect(view.contains("stage: Starts a new stage named \"build\" from the image alpine"))
        #expect(view.contains("Copies /bin/curl from stage or image \"build\" to /curl"))
    }
}
