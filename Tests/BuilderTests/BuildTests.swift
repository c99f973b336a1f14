import Builder
import Explain
import Foundation
import ImageStore
import OCI
import Testing
import TestSupport

@Suite("Building images from Dockerfiles", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static): RUN steps run real containers"))
struct BuildTests {
    @Test("RUN, COPY, ENV, WORKDIR, USER and CMD make an image that runs as written")
    func basicBuild() throws {
        let fixture = try BuildFixture()
        try fixture.write("app.sh", "#!/bin/sh\necho \"$GREETING from $(pwd) as $(id -u): $(cat /built)\"\n")
        let result = try fixture.build("""
            FROM busybox
            ENV GREETING=hello
            WORKDIR /app
            COPY app.sh ./
            RUN chmod +x app.sh && echo made-by-run > /built
            USER nobody
            CMD ["./app.sh"]
            """)
        let (status, output) = try fixture.run("test")
        #expect(status == 0)
        #expect(output == "hello from /app as 65534: made-by-run\n")
        let history = try #require(result.image.config.history)
        #expect(history.suffix(6).map { $0.emptyLayer == true } == [true, false, false, false, true, true])
        #expect(result.image.manifest.layers.count == 4)   // busybox, WORKDIR, COPY, RUN
        #expect(fixture.assertNothingLeftBehind() == [])
    }

    @Test("an unchanged rebuild reports every step CACHED and gives the same image id")
    func cachedRebuild() throws {
        let fixture = try BuildFixture()
        try fixture.write("file.txt", "data\n")
        let dockerfile = "FROM busybox\nARG X=1\nCOPY file.txt /\nRUN cat /file.txt > /copy\nENV A=b\nCMD [\"sh\"]\n"
        let first = try fixture.build(dockerfile)
        let progress = RecordingProgress()
        let second = try fixture.build(dockerfile, progress: progress)
        #expect(second.image.id == first.image.id)
        let steps = progress.steps
        #expect(steps.dropFirst().allSatisfy { $0.cached }, "\(steps)")

        try fixture.write("file.txt", "changed\n")
        let third = RecordingProgress()
        try fixture.build(dockerfile, progress: third)
        #expect(third.steps.map(\.cached) == [false, true, false, false, false, false])
    }

    @Test("layers are deterministic: the same files give the same digest with --no-cache")
    func deterministicLayers() throws {
        let fixture = try BuildFixture()
        try fixture.write("src/a.txt", "a\n")
        try fixture.write("src/b/c.txt", "c\n")
        let dockerfile = "FROM busybox\nCOPY src /src\nWORKDIR /work\n"
        let first = try fixture.build(dockerfile, noCache: true)
        let second = try fixture.build(dockerfile, noCache: true)
        #expect(first.image.manifest.layers == second.image.manifest.layers)
    }

    @Test("a deletion in RUN becomes a whiteout, and the file is gone in the image")
    func whiteouts() throws {
        let fixture = try BuildFixture()
        try fixture.build("FROM busybox\nRUN rm /bin/vi && mkdir -p /etc/conf.d && touch /etc/conf.d/x\n")
        let committed = fixture.events.events.compactMap { event -> [String]? in
            if case let .layerCommitted(_, _, changes) = event.kind { return changes }
            return nil
        }
        let changes = try #require(committed.last)
        #expect(changes.contains("D /bin/vi"))
        #expect(changes.contains("A /etc/conf.d/x"))
        #expect(!changes.contains { $0.hasSuffix("/etc/hosts") || $0.hasSuffix("/etc/hostname") || $0.hasSuffix("resolv.conf") },
                "runtime mount points leaked into the layer: \(changes)")
        let (_, output) = try fixture.run("test", ["sh", "-c", "test -e /bin/vi && echo present || echo gone"])
        #expect(output == "gone\n")
    }

    @Test("a failed RUN names the step and status, leaves the tag alone, and leaks nothing")
    func failedRun() throws {
        let fixture = try BuildFixture()
        let good = try fixture.build("FROM busybox\nRUN echo ok\n")
        #expect {
            try fixture.build("FROM busybox\nRUN echo before\nRUN sh -c 'exit 3'\n")
        } throws: { error in
            let text = "\(error)"
            return text.contains("Dockerfile:3:1") && text.contains("exit code: 3")
        }
        #expect(try fixture.store.resolve("test", events: DiscardingSink()).id == good.image.id)
        #expect(fixture.assertNothingLeftBehind() == [])
    }

    @Test("--target builds only the stages it needs, and COPY --from takes files from a stage")
    func multiStage() throws {
        let fixture = try BuildFixture()
        let dockerfile = """
            FROM busybox AS build
            RUN echo compiled > /artifact
            FROM busybox AS broken
            RUN exit 1
            FROM busybox
            COPY --from=build /artifact /app/artifact
            CMD ["cat", "/app/artifact"]
            """
        let progress = RecordingProgress()
        try fixture.build(dockerfile, progress: progress)
        #expect(!progress.steps.contains { $0.text == "RUN exit 1" })
        #expect(try fixture.run("test").1 == "compiled\n")
        #expect(throws: (any Error).self) { try fixture.build(dockerfile, tags: ["x:1"], target: "broken") }
    }

    @Test("the context cannot be left: ../ is refused, and a symlink out of it is copied as a link")
    func contextEscapes() throws {
        let fixture = try BuildFixture()
        #expect {
            try fixture.build("FROM busybox\nCOPY ../secret /x\n")
        } throws: { "\($0)".contains("outside the build context") }
        try FileManager.default.createSymbolicLink(atPath: fixture.context + "/passwd-link", withDestinationPath: "/etc/shadow")
        try fixture.build("FROM busybox\nCOPY passwd-link /copied\n")
        let (_, output) = try fixture.run("test", ["readlink", "/copied"])
        #expect(output == "/etc/shadow\n")
    }

    @Test(".dockerignore hides files from COPY")
    func dockerignore() throws {
        let fixture = try BuildFixture()
        try fixture.write("keep.txt", "keep\n")
        try fixture.write("secret.env", "password\n")
        try fixture.write(".dockerignore", "*.env\n")
        try fixture.build("FROM busybox\nCOPY . /ctx/\n")
        let (_, output) = try fixture.run("test", ["ls", "-A", "/ctx"])
        #expect(output.split(separator: "\n").sorted() == [".dockerignore", "Dockerfile", "keep.txt"])
    }

    @Test("--build-arg overrides an ARG default, reaches RUN, and stays out of the image's config")
    func buildArguments() throws {
        let fixture = try BuildFixture()
        let result = try fixture.build("FROM busybox\nARG NAME=default\nRUN echo $NAME > /name\n",
                                       arguments: ["NAME": "given", "UNUSED": "1"])
        #expect(try fixture.run("test", ["cat", "/name"]).1 == "given\n")
        #expect(!(result.image.config.config?.env ?? []).contains { $0.hasPrefix("NAME=") })
        #expect(result.unusedArguments == ["UNUSED"])
    }

    @Test("ENTRYPOINT and CMD combine by Docker's rules")
    func entrypointAndCmd() throws {
        let fixture = try BuildFixture()
        try fixture.build("FROM busybox\nENTRYPOINT [\"echo\", \"entry\"]\nCMD [\"default\"]\n")
        #expect(try fixture.run("test").1 == "entry default\n")
        #expect(try fixture.run("test", ["given"]).1 == "entry given\n")
        let shellForm = try fixture.build("FROM busybox\nENTRYPOINT echo shell-form\n", tags: ["shell:1"])
        #expect(shellForm.image.config.config?.entrypoint == ["/bin/sh", "-c", "echo shell-form"])
        #expect(shellForm.image.config.config?.cmd == nil)
    }

    @Test("ADD unpacks a local tar archive; ADD of a URL fails with an offline message")
    func addArchive() throws {
        let fixture = try BuildFixture()
        try fixture.write("payload/hello.txt", "from the archive\n")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-C", fixture.context + "/payload", "-czf", fixture.context + "/payload.tar.gz", "hello.txt"]
        try tar.run()
        tar.waitUntilExit()
        try fixture.build("FROM busybox\nADD payload.tar.gz /unpacked/\n")
        #expect(try fixture.run("test", ["cat", "/unpacked/hello.txt"]).1 == "from the archive\n")
        #expect {
            try fixture.build("FROM busybox\nADD https://example.com/file /file\n")
        } throws: { "\($0)".contains("offline") }
    }

    @Test("ONBUILD triggers run when the image is used in FROM")
    func onbuild() throws {
        let fixture = try BuildFixture()
        try fixture.build("FROM busybox\nONBUILD RUN echo triggered > /trigger\n", tags: ["base:1"])
        try fixture.build("FROM base:1\nRUN cat /trigger\n")
        #expect(try fixture.run("test", ["cat", "/trigger"]).1 == "triggered\n")
    }

    @Test("a Dockerfile error is reported with file, line and column before anything runs")
    func parseErrors() throws {
        let fixture = try BuildFixture()
        #expect {
            try fixture.build("FROM busybox\nRUNN echo\n")
        } throws: { error in
            let text = "\(error)"
            return text.contains("Dockerfile:2:1: error:") && text.contains("RUNN echo")
        }
    }
}
