import Foundation
import Testing
import TestSupport

/// `build`'s Docker flags besides the build itself: a Dockerfile on stdin, --label, --iidfile, -o.
@Suite("build: stdin, --label, --iidfile and -o", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct BuildFlagTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "build-flags")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("build - reads the Dockerfile from stdin with no context; --label wins over LABEL; --iidfile holds the ID")
    func stdinLabelsAndIIDFile() throws {
        let iidfile = directory.appending("iid")
        let built = try dockyard.run(["build", "-q", "--label", "team=blue", "--label=from=flag", "--iidfile", iidfile, "-t", "piped:v1", "-"],
                                     input: "FROM busybox\nRUN echo built > /built\nLABEL from=file\n")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try String(contentsOfFile: iidfile, encoding: .utf8) + "\n" == built.stdout)
        #expect(try dockyard.run(["inspect", "-f", "{{json .Config.Labels}}", "piped:v1"]).stdout == "{\"from\":\"flag\",\"team\":\"blue\"}\n")
        #expect(try dockyard.run(["run", "--rm", "piped:v1", "cat", "/built"]).stdout == "built\n")
        // No context: COPY has nothing to read.
        let copy = try dockyard.run(["build", "-"], input: "FROM busybox\nCOPY a /a\n")
        #expect(copy.status == 1)
        #expect(try dockyard.run(["build", "-f", "-", "-"]).status == 125)
    }

    @Test("-f - takes the Dockerfile from stdin and the context from the directory; -o writes the image's files")
    func outputs() throws {
        try directory.write("context/a", "from the context\n")
        let context = directory.appending("context")
        let local = directory.appending("out-dir")
        let toDirectory = try dockyard.run(["build", "-q", "-f", "-", "-o", "type=local,dest=" + local, context],
                                           input: "FROM busybox\nCOPY a /a\n")
        #expect(toDirectory.status == 0, "\(toDirectory.stderr)")
        #expect(try String(contentsOfFile: local + "/a", encoding: .utf8) == "from the context\n")
        #expect(FileManager.default.fileExists(atPath: local + "/bin/busybox"), "the base image's files are there too")

        let tarball = directory.appending("out.tar")
        #expect(try dockyard.run(["build", "-q", "-f", "-", "--output", "type=tar,dest=" + tarball, context],
                                 input: "FROM busybox\nCOPY a /a\n").status == 0)
        let listing = try DockyardProcess.capture(["/bin/tar", "-tf", tarball]).stdout.split(separator: "\n")
        #expect(listing.contains("a") && listing.contains("bin/busybox"), "\(listing.prefix(5))")

        let refused = try dockyard.run(["build", "-o", "type=registry", context])
        #expect(refused.status == 125)
        #expect(refused.stderr.contains("type must be local or tar"), "\(refused.stderr)")
    }
}
