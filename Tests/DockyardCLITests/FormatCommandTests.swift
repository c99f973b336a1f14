import Foundation
import Testing
import TestSupport

/// `--format` on `images`, `inspect` and `ps`, compared with what Docker prints for the same
/// template (Docker 20.10+/current docker/cli: `cli/command/formatter`, `cli/command/inspect`).
/// Images come from a hand-made archive, so only the `ps` rows need root.
@Suite("--format, end to end")
struct FormatCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "format-cli")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// Loads `tools:1`, a one-layer image whose CMD is `tool --help`.
    func loadTools() throws {
        let layer = ImageArchiveFixture.layer { tar in tar.add("tool", .file([0x41]), mode: 0o755) }
        let config = try ImageArchiveFixture.config(diffIDs: [try ImageArchiveFixture.digest(layer)], cmd: ["tool", "--help"])
        let archive = directory.appending("tools.tar")
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(layers: [layer], tags: ["tools:1"], configBytes: config), to: archive)
        #expect(try dockyard.run(["load", "-i", archive]).status == 0)
    }

    @Test("images --format prints one line per image with Docker's field names")
    func imagesPlain() throws {
        try loadTools()
        #expect(try dockyard.run(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout == "tools:1\n")
        let id = try dockyard.run(["images", "-q"]).stdout
        #expect(try dockyard.run(["images", "--format", #"{{.ID}}\t{{.Digest}}"#]).stdout == id.dropLast() + "\t<none>\n")
    }

    @Test("images --format table prints Docker's headers, aligned by Go's tabwriter")
    func imagesTable() throws {
        try loadTools()
        let output = try dockyard.run(["images", "--format", #"table {{.Repository}}\t{{.Tag}}\t{{.Containers}}"#]).stdout
        #expect(output == "REPOSITORY   TAG       CONTAINERS\ntools        1         N/A\n")
        let bare = try dockyard.run(["images", "--format", "table"]).stdout
        #expect(bare.hasPrefix("REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\ntools        1         "))
    }

    @Test("images --format json is one compact object per image, keys sorted, <none> escaped as Docker's json.Marshal does")
    func imagesJSON() throws {
        try loadTools()
        let output = try dockyard.run(["images", "--format", "json"]).stdout
        #expect(output.hasPrefix(#"{"Containers":"N/A","CreatedAt":"#))
        #expect(output.contains(#""Digest":"\u003cnone\u003e","ID":""#))
        #expect(output.hasSuffix(#""Tag":"1","UniqueSize":"N/A","VirtualSize":"2.05kB"}"# + "\n"))
    }

    @Test("inspect -f runs the template over the JSON inspect prints")
    func inspectFormat() throws {
        try loadTools()
        #expect(try dockyard.run(["inspect", "-f", "{{.Config.Cmd}}", "tools:1"]).stdout == "[tool --help]\n")
        #expect(try dockyard.run(["inspect", "--format", "{{json .Config.Cmd}}", "tools:1"]).stdout == "[\"tool\",\"--help\"]\n")
        #expect(try dockyard.run(["image", "inspect", "-f", "{{join .Config.Cmd \" \"}}", "tools:1"]).stdout == "tool --help\n")
        // inspect takes the template as it is: no `\t` replacement (only the listings do that).
        #expect(try dockyard.run(["inspect", "-f", #"a\tb"#, "tools:1"]).stdout == "a\\tb\n")
    }

    @Test("inspect -f: a template that does not parse exits 64, one that fails on a key exits 1, as Docker's")
    func inspectErrors() throws {
        try loadTools()
        let parse = try dockyard.run(["inspect", "-f", "{{foo}}", "tools:1"])
        #expect(parse.status == 64)
        #expect(parse.stderr == "template parsing error: template: :1: function \"foo\" not defined\n")
        let missing = try dockyard.run(["inspect", "-f", "{{.Nope}}", "tools:1"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "template parsing error: template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"\n")
        #expect(missing.stdout == "\n")
    }

    @Test("ps --format: a template that does not parse is Docker's error and exit 1")
    func psParseError() throws {
        let result = try dockyard.run(["ps", "--format", "{{foo}}"])
        #expect(result.status == 1)
        #expect(result.stderr == "template parsing error: template: :1: function \"foo\" not defined\n")
        #expect(try dockyard.run(["ps", "--format", #"table {{.ID}}\t{{.Names}}"#]).stdout == "CONTAINER ID   NAMES\n")
    }

    @Test("ps --format over real containers: fields, table, json, and an unknown field's error",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
    func psRows() throws {
        let run = try dockyard.run(["run", "--name", "formatted", "busybox", "true"])
        #expect(run.status == 0, "\(run.stderr)")
        let id = try dockyard.run(["ps", "-aq"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try dockyard.run(["ps", "-a", "--format", "{{.Names}} {{.State}} {{.Command}}"]).stdout == "formatted exited \"true\"\n")
        #expect(try dockyard.run(["ps", "-a", "--format", #"table {{.ID}}\t{{.Names}}\t{{.Image}}"#]).stdout
            == "CONTAINER ID   NAMES       IMAGE\n\(id)   formatted   busybox\n")
        #expect(try dockyard.run(["ps", "-a", "--format", "{{.Status | printf \"%.6s\"}}"]).stdout == "Exited\n")
        let json = try dockyard.run(["ps", "-a", "--format", "json"]).stdout
        #expect(json.hasPrefix(#"{"Command":"\"true\"","CreatedAt":"#) && json.contains(#""Names":"formatted""#))
        let unknown = try dockyard.run(["ps", "-a", "--format", "{{.Foo}}"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext\n")
        #expect(try dockyard.run(["inspect", "-f", "{{.Name}} {{.State.Status}}", "formatted"]).stdout == "/formatted exited\n")
        _ = try dockyard.run(["rm", "-f", "formatted"])
    }
}
