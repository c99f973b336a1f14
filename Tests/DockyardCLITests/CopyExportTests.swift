import Foundation
import Testing
import TestSupport

/// cp both ways, export and import, with the real binary and real containers.
@Suite("cp, export and import", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct CopyExportTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "cp")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("cp CONTAINER:PATH - writes a tar; cp - CONTAINER:DIR unpacks one, with the layer rules")
    func tarStreams() throws {
        #expect(try dockyard.run(["run", "--name", "tars", "busybox", "sh", "-c", "mkdir -p /data/sub && echo two > /data/sub/b"]).status == 0)
        let shell = { (script: String) throws -> DockyardProcess.Result in
            try DockyardProcess.capture(["/usr/bin/env", "DOCKYARD_ROOT=" + self.dockyard.root, "sh", "-c", script])
        }
        let dy = DockyardProcess.executable
        let listing = try shell("\(dy) cp tars:/data - | tar -tf -")
        #expect(listing.stdout == "data/\ndata/sub/\ndata/sub/b\n", "\(listing.stderr)")

        let site = directory.appending("site")
        try directory.write("site/www/index.html", "hello\n")
        let copied = try shell("cd \(site) && tar -cf - www | \(dy) cp - tars:/tmp")
        #expect(copied.status == 0, "\(copied.stderr)")
        let out = directory.appending("out-tar")
        #expect(try dockyard.run(["cp", "tars:/tmp/www/index.html", out]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "hello\n")

        // An entry that climbs out (../) is refused by the unpacking, and nothing lands outside.
        try directory.write("site/evil", "x\n")
        let evil = try shell("cd \(site) && tar -cPf - --transform 's,^evil,../../../../../../tmp/dockyard-cp-evil-\(getpid()),' evil "
                             + "| \(dy) cp - tars:/tmp")
        #expect(evil.status != 0)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dockyard-cp-evil-\(getpid())"))
        #expect(try shell("echo not a tar | \(dy) cp - tars:/tmp").stderr.contains("not a tar archive"))
    }

    @Test("cp out of a container copies its merged files, and a symlink in it as a link, never its target")
    func copyOut() throws {
        #expect(try dockyard.run(["run", "--name", "src", "busybox", "sh", "-c",
                                  "mkdir -p /data/sub && echo one > /data/a && echo two > /data/sub/b && ln -s /etc/shadow /data/evil"]).status == 0)
        let out = directory.appending("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = try dockyard.run(["cp", "src:/data", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out + "/data/sub/b", encoding: .utf8) == "two\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/data/evil") == "/etc/shadow")
        #expect(try dockyard.run(["cp", "src:/nope", out]).status == 1)
    }

    @Test("cp into a stopped and a running container writes inside it, even through a symlink that points at a host path")
    func copyIn() throws {
        let hostTarget = directory.appending("host-target")
        try FileManager.default.createDirectory(atPath: hostTarget, withIntermediateDirectories: true)
        // Inside the container, /trap points at a path that also exists on the host.
        #expect(try dockyard.run(["run", "--name", "dst", "busybox", "sh", "-c",
                                  "mkdir -p \(hostTarget) && ln -s \(hostTarget) /trap"]).status == 0)
        try directory.write("file.txt", "payload\n")
        #expect(try dockyard.run(["cp", directory.appending("file.txt"), "dst:/trap/"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: hostTarget).isEmpty, "cp wrote to the host")
        let exported = directory.appending("dst.tar")
        #expect(try dockyard.run(["export", "dst", "-o", exported]).status == 0)
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/bin/tar")
        listing.arguments = ["-xOf", exported, String(hostTarget.dropFirst()) + "/file.txt"]
        let pipe = Pipe()
        listing.standardOutput = pipe
        try listing.run()
        let content = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listing.waitUntilExit()
        #expect(content == "payload\n")

        #expect(try dockyard.run(["run", "-d", "--name", "live", "busybox", "sh", "-c",
                                  "mkdir -p \(hostTarget) && ln -s \(hostTarget) /trap && sleep 30"]).status == 0)
        for _ in 0..<100 where try dockyard.run(["exec", "live", "test", "-L", "/trap"]).status != 0 { usleep(20_000) }
        #expect(try dockyard.run(["cp", directory.appending("file.txt"), "live:/trap/"]).status == 0)
        #expect(try dockyard.run(["exec", "live", "cat", hostTarget + "/file.txt"]).stdout == "payload\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: hostTarget).isEmpty, "cp wrote to the host")
        #expect(try dockyard.run(["rm", "-f", "live"]).status == 0)
    }

    @Test("export writes the merged filesystem with deletions applied; import makes a runnable one-layer image of it")
    func exportImport() throws {
        #expect(try dockyard.run(["run", "--name", "base", "busybox", "sh", "-c", "rm /bin/vi && echo kept > /kept"]).status == 0)
        let archive = directory.appending("base.tar")
        #expect(try dockyard.run(["export", "base", "-o", archive]).status == 0)
        let imported = try dockyard.run(["import", archive, "flat:1"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("sha256:"))
        #expect(try dockyard.run(["run", "--rm", "flat:1", "cat", "/kept"]).stdout == "kept\n")
        #expect(try dockyard.run(["run", "--rm", "flat:1", "sh", "-c", "test -e /bin/vi || echo gone"]).stdout == "gone\n")
        let history = try dockyard.run(["history", "flat:1"])
        #expect(history.stdout.contains("Imported from"))
    }
}
