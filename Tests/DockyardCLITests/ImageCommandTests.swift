import Foundation
import Testing
import TestSupport

/// The image verbs as a user types them: the real binary, a storage root each, Docker's output
/// shapes, messages and exit statuses. Images come from hand-made archives, so no root is needed
/// except to run containers.
@Suite("dockyard image verbs, end to end")
struct ImageCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "image-cli")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// Loads a two-step image (`ADD tool`, `CMD`) tagged `tools:1` from a hand-made docker-archive.
    func loadTools() throws -> String {
        let layer = ImageArchiveFixture.layer { tar in
            tar.add("bin/", .directory)
            tar.add("bin/tool", .file(Array(repeating: 0x41, count: 1500)), mode: 0o755)
        }
        let config = try ImageArchiveFixture.config(
            diffIDs: [try ImageArchiveFixture.digest(layer)], cmd: ["tool"],
            created: ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86_400 - 60)),
            history: [("/bin/sh -c #(nop) ADD file:0123456789abcdef0123456789abcdef in /bin/tool", false),
                      ("/bin/sh -c #(nop)  CMD [\"tool\"]", true)])
        let archive = directory.appending("tools.tar")
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(layers: [layer], tags: ["tools:1"], configBytes: config), to: archive)
        let result = try dockyard.run(["load", "-i", archive])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Loaded image: tools:1\n")
        return String(try ImageArchiveFixture.digest(config).dropFirst(7))
    }

    @Test("history prints Docker's table newest first, truncating CREATED BY to 45 characters; -q and --no-trunc")
    func history() throws {
        let id = try loadTools()
        let table = try dockyard.run(["history", "tools:1"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Go's tabwriter: each column as wide as its widest cell plus 3, the last one unpadded.
        #expect(lines[0] == "IMAGE          CREATED      CREATED BY                                      SIZE      COMMENT")
        #expect(lines[1] == String(id.prefix(12)) + "   3 days ago   /bin/sh -c #(nop)  CMD [\"tool\"]                 0B        ")
        #expect(lines[2] == "<missing>      3 days ago   /bin/sh -c #(nop) ADD file:0123456789abcdef0…   3.58kB    ")
        #expect(lines[2].drop(while: { $0 != "/" }).prefix(45).count == 45)
        #expect(try dockyard.run(["history", "-q", "tools:1"]).stdout == String(id.prefix(12)) + "\n<missing>\n")
        let full = try dockyard.run(["history", "--no-trunc", "tools:1"]).stdout
        #expect(full.contains("sha256:" + id) && full.contains("ADD file:0123456789abcdef0123456789abcdef in /bin/tool"))
        let missing = try dockyard.run(["history", "nosuch"])
        #expect(missing.status == 1 && missing.stderr == "Error response from daemon: No such image: nosuch:latest\n")
    }

    @Test("tag adds a name; images and image ls list both; a bad name is refused with exit 1")
    func tag() throws {
        let id = try loadTools()
        #expect(try dockyard.run(["tag", "tools:1", "team/tools:v2"]).status == 0)
        #expect(try dockyard.run(["tag", String(id.prefix(6)), "bytag"]).status == 0)
        for verb in [["images"], ["image", "ls"], ["image", "list"]] {
            let listing = try dockyard.run(verb)
            #expect(listing.stdout.split(separator: "\n").count == 4, "\(verb): \(listing.stdout)")
            #expect(listing.stdout.contains("team/tools   v2"))
        }
        let bad = try dockyard.run(["tag", "tools:1", "Bad:x"])
        #expect(bad.status == 1 && bad.stderr.hasPrefix("Error parsing reference: \"Bad:x\" is not a valid repository/tag"))
        let missing = try dockyard.run(["tag", "nosuch", "x"])
        #expect(missing.status == 1 && missing.stderr == "Error response from daemon: No such image: nosuch:latest\n")
    }

    @Test("rmi untags, deletes with the last tag, and reports an unknown image with exit 1 while removing the rest")
    func rmi() throws {
        let id = try loadTools()
        _ = try dockyard.run(["tag", "tools:1", "copy"])
        let first = try dockyard.run(["rmi", "copy"])
        #expect(first.status == 0 && first.stdout == "Untagged: copy:latest\n")
        let second = try dockyard.run(["image", "rm", "nosuch", "tools:1"])
        #expect(second.status == 1)
        #expect(second.stderr == "Error response from daemon: No such image: nosuch:latest\n")
        #expect(second.stdout.hasPrefix("Untagged: tools:1\nDeleted: sha256:\(id)\nDeleted: sha256:"))
        #expect(try dockyard.run(["images", "-q"]).stdout.isEmpty)
        let blobs = try FileManager.default.contentsOfDirectory(atPath: directory.appending("root/image/blobs/sha256"))
        #expect(blobs.isEmpty, "\(blobs)")
    }

    @Test("inspect falls back to images; image inspect shows the config, layers and OCI manifest; unknown names exit 1")
    func inspect() throws {
        let id = try loadTools()
        for arguments in [["inspect", "tools:1"], ["image", "inspect", "tools:1"], ["inspect", "--type", "image", String(id.prefix(8))]] {
            let result = try dockyard.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let image = try #require(array.first)
            #expect(image["Id"] as? String == "sha256:" + id)
            #expect(image["RepoTags"] as? [String] == ["tools:1"])
            #expect((image["Config"] as? [String: Any])?["Cmd"] as? [String] == ["tool"])
            #expect(((image["RootFS"] as? [String: Any])?["Layers"] as? [String])?.count == 1)
            #expect(((image["Manifest"] as? [String: Any])?["config"] as? [String: Any])?["digest"] as? String == "sha256:" + id)
        }
        let missing = try dockyard.run(["inspect", "tools:1", "ghost"])
        #expect(missing.status == 1 && missing.stderr == "Error: No such object: ghost\n")
        #expect(missing.stdout.hasPrefix("[\n"))
        let imageMissing = try dockyard.run(["image", "inspect", "ghost"])
        #expect(imageMissing.status == 1 && imageMissing.stderr == "Error: No such image: ghost\n" && imageMissing.stdout == "[\n\n]\n")
    }

    @Test("save and load through the CLI in both formats, gzip too; a refused archive exits 1 naming the entry")
    func saveAndLoad() throws {
        let id = try loadTools()
        for format in ["docker", "oci"] {
            let archive = directory.appending("\(format).tar")
            let saved = try dockyard.run(["save", "-o", archive, "--format", format, "tools:1"])
            #expect(saved.status == 0, "\(saved.stderr)")
            let other = DockyardProcess(root: directory.appending("other-\(format)"))
            let loaded = try other.run(["load", "--input", archive])
            #expect(loaded.stdout == "Loaded image: tools:1\n", "\(loaded.stderr)")
            #expect(try other.run(["images", "-q", "--no-trunc"]).stdout == "sha256:\(id)\n")
        }
        let gzipped = directory.appending("docker.tar.gz")
        try ImageArchiveFixture.write(try TarBytes.gzip(try TestFiles.read(directory.appending("docker.tar"))), to: gzipped)
        #expect(try DockyardProcess(root: directory.appending("gz")).run(["load", "-q", "-i", gzipped]).status == 0)

        let evil = directory.appending("evil.tar")
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(
            layers: [ImageArchiveFixture.layer { $0.add("x", .symlink("/etc")); $0.add("x/pwned", .file([1])) }], tags: ["evil"]), to: evil)
        let refused = try dockyard.run(["load", "-i", evil])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Error response from daemon: layer ") && refused.stderr.contains("refusing layer entry \"x/pwned\""))
        let missing = try dockyard.run(["save", "-o", directory.appending("none.tar"), "nosuch"])
        #expect(missing.status == 1 && missing.stderr == "Error response from daemon: No such image: nosuch:latest\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appending("none.tar")))
    }

    @Test("image prune -f reports what it deleted and the space reclaimed")
    func prune() throws {
        _ = try loadTools()
        let nothing = try dockyard.run(["image", "prune", "-f"])
        #expect(nothing.stdout == "Total reclaimed space: 0B\n")
        let all = try dockyard.run(["image", "prune", "-a", "-f"])
        #expect(all.stdout.hasPrefix("Deleted Images:\nuntagged: tools:1\ndeleted: sha256:"))
        #expect(all.stdout.hasSuffix("\n\nTotal reclaimed space: 4.05kB\n") || all.stdout.contains("Total reclaimed space: "))
        #expect(try dockyard.run(["images", "-q"]).stdout.isEmpty)
    }

    @Test("a docker-archive made by hand, with busybox as its only layer, loads and runs: echo hi prints hi",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run a real container"))
    func handMadeArchiveRuns() throws {
        let archive = directory.appending("handmade.tar")
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(layers: [try ImageArchiveFixture.busyboxLayer()],
                                                                            tags: ["handmade:1"]), to: archive)
        #expect(try dockyard.run(["load", "-i", archive]).stdout == "Loaded image: handmade:1\n")
        let run = try dockyard.run(["run", "--rm", "handmade:1", "echo", "hi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "hi\n")
    }

    @Test("a symlink that climbs above the image's root loads, as in Docker, and stops at the container's root: cat /deep/up reads the image's file, not the host's",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run a real container"))
    func climbingSymlinkStaysInside() throws {
        let archive = directory.appending("climbing.tar")
        let marker = ImageArchiveFixture.layer { tar in
            tar.add("etc/", .directory)
            tar.add("etc/dockyard-marker", .file(Array("inside the image\n".utf8)))
            tar.add("deep/", .directory)
            tar.add("deep/up", .symlink("../../../../../../../../etc/dockyard-marker"))
            tar.add("deep/hostname", .symlink("../../../../../../../../etc/hostname"))
        }
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(
            layers: [try ImageArchiveFixture.busyboxLayer(), marker], tags: ["climbing:1"]), to: archive)
        let loaded = try dockyard.run(["load", "-i", archive])
        #expect(loaded.stdout == "Loaded image: climbing:1\n", "\(loaded.stderr)")
        let run = try dockyard.run(["run", "--rm", "--hostname", "in-the-box", "climbing:1", "cat", "/deep/up", "/deep/hostname"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "inside the image\nin-the-box\n")
    }

    @Test("rmi refuses an image a container uses, with Docker's conflict message, until -f",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run a real container"))
    func rmiRefusesUsedImage() throws {
        #expect(try dockyard.run(["run", "--name", "user", "busybox", "true"]).status == 0)
        let refused = try dockyard.run(["rmi", "busybox"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("Error response from daemon: conflict: unable to remove repository reference \"busybox\" (must force) - container "))
        let forced = try dockyard.run(["rmi", "-f", "busybox"])
        #expect(forced.status == 0 && forced.stdout.hasPrefix("Untagged: busybox:latest\nDeleted: sha256:"))
        #expect(try dockyard.run(["rm", "user"]).status == 0)
    }
}
