import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cp` out of a container, `export` and `commit` against an attacker inside it (CVE-2018-15664): a
/// directory swapped for a symlink to `/` while the host resolves a path must never lead the copy
/// to the host's files.
@Suite("cp out, export and commit of a container, resolved inside it", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct CopyOutTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "cpout")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("a directory swapped for a symlink to / during 200 copies never yields the host's file")
    func swapRace() throws {
        // The host has /NAME; the container has NAME only in /w, and no /NAME. A copy of /w/NAME
        // that followed the symlink /w -> / from the host's side would read the host's /NAME.
        let name = "dockyard-cp-race-\(getpid())"
        let hostFile = "/" + name
        try "host secret\n".write(toFile: hostFile, atomically: false, encoding: .utf8)
        defer { unlink(hostFile) }
        let started = try dockyard.run(["run", "-d", "--name", "racer", "--network", "none"]
                                       + ProbeProgram.mountFlags("swapdir") + ["busybox", "sh", "-c",
                                       "mkdir /w && echo container > /w/\(name) && ln -s / /w.alt && exec /probe /w /w.alt"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "racer"]) }
        var escaped = 0, copied = 0
        for attempt in 0..<200 {
            let target = directory.appending("copy-\(attempt)")
            guard try dockyard.run(["cp", "racer:/w/\(name)", target]).status == 0 else { continue }
            let content = try String(contentsOfFile: target, encoding: .utf8)
            if content == "host secret\n" { escaped += 1 }
            if content == "container\n" { copied += 1 }
        }
        #expect(escaped == 0, "cp read the host's file \(escaped) times in 200")
        #expect(copied > 0, "no copy succeeded: the race test did not exercise cp")
    }

    @Test("a directory swapped for a symlink to / during 60 exports never puts the host's file in the archive")
    func exportRace() throws {
        let name = "dockyard-export-race-\(getpid())"
        try "host secret\n".write(toFile: "/" + name, atomically: false, encoding: .utf8)
        defer { unlink("/" + name) }
        let started = try dockyard.run(["run", "-d", "--name", "exporter", "--network", "none"]
                                       + ProbeProgram.mountFlags("swapdir") + ["busybox", "sh", "-c",
                                       "mkdir /w && echo container > /w/\(name) && ln -s / /w.alt && exec /probe /w /w.alt"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "exporter"]) }
        let archive = directory.appending("export.tar")
        var escaped = 0, exported = 0
        for _ in 0..<60 {
            guard try dockyard.run(["export", "exporter", "-o", archive]).status == 0 else { continue }
            exported += 1
            let listing = Process()
            listing.executableURL = URL(fileURLWithPath: "/bin/tar")
            listing.arguments = ["-xOf", archive, "w/\(name)", "w.alt/\(name)"]
            let pipe = Pipe()
            listing.standardOutput = pipe
            listing.standardError = FileHandle.nullDevice
            try listing.run()
            let content = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            listing.waitUntilExit()
            if content.contains("host secret") { escaped += 1 }
        }
        #expect(escaped == 0, "export archived the host's file \(escaped) times in 60")
        #expect(exported > 0, "no export succeeded")
    }

    @Test("a directory swapped for a symlink to / during 20 commits never puts the host's file in the layer")
    func commitRace() throws {
        let name = "dockyard-commit-race-\(getpid())"
        try "host secret\n".write(toFile: "/" + name, atomically: false, encoding: .utf8)
        defer { unlink("/" + name) }
        let started = try dockyard.run(["run", "-d", "--name", "committer", "--network", "none"]
                                       + ProbeProgram.mountFlags("swapdir") + ["busybox", "sh", "-c",
                                       "mkdir /w && echo container > /w/\(name) && ln -s / /w.alt && exec /probe /w /w.alt"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "committer"]) }
        var escaped = 0, committed = 0
        for attempt in 0..<20 {
            guard try dockyard.run(["commit", "committer", "race:\(attempt)"]).status == 0 else { continue }
            committed += 1
            let seen = try dockyard.run(["run", "--rm", "--network", "none", "--entrypoint", "cat", "race:\(attempt)",
                                         "/w/\(name)"]).stdout
            if seen.contains("host secret") { escaped += 1 }
        }
        #expect(escaped == 0, "commit put the host's file in a layer \(escaped) times in 20")
        #expect(committed > 0, "no commit succeeded")
    }

    @Test("cp out of a running container copies a file, a tree and a symlink as a link")
    func running() throws {
        #expect(try dockyard.run(["run", "-d", "--name", "live", "--network", "none", "busybox", "sh", "-c",
                                  "mkdir -p /data/sub && echo one > /data/a && echo two > /data/sub/b "
                                  + "&& ln -s /etc/hostname /data/link && ln -s /etc /data/etc && touch /ready && sleep 30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "live"]) }
        for _ in 0..<100 where try dockyard.run(["exec", "live", "test", "-e", "/ready"]).status != 0 { usleep(20_000) }
        try expectCopies(from: "live")
    }

    @Test("cp out of a stopped container copies a file, a tree and a symlink as a link")
    func stopped() throws {
        #expect(try dockyard.run(["run", "--name", "done", "--network", "none", "busybox", "sh", "-c",
                                  "mkdir -p /data/sub && echo one > /data/a && echo two > /data/sub/b "
                                  + "&& ln -s /etc/hostname /data/link && ln -s /etc /data/etc"]).status == 0)
        try expectCopies(from: "done")
        // A symlink that leaves the container resolves inside it, as the container sees it.
        #expect(try dockyard.run(["run", "--name", "trap", "--network", "none", "busybox", "sh", "-c",
                                  "mkdir -p /x && echo inside > /x/hostname && ln -s /../../../x /escape"]).status == 0)
        let out = directory.appending("trap-out")
        let result = try dockyard.run(["cp", "trap:/escape/hostname", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "inside\n")
    }

    @Test("cp out of a stopped container reads what was mounted there: its /etc files and its volumes")
    func stoppedMounts() throws {
        #expect(try dockyard.run(["run", "--name", "mounted", "--hostname", "box", "-v", "/vol", "busybox", "sh", "-c",
                                  "mkdir /vol/d && echo kept > /vol/d/f"]).status == 0)
        let out = directory.appending("mounted-out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (path, expected) in [("/etc/hostname", "box\n"), ("/vol/d/f", "kept\n")] {
            let result = try dockyard.run(["cp", "mounted:" + path, out + "/copy"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try String(contentsOfFile: out + "/copy", encoding: .utf8) == expected, "\(path)")
        }
        let hosts = try dockyard.run(["cp", "mounted:/etc/hosts", out + "/hosts"])
        #expect(hosts.status == 0, "\(hosts.stderr)")
        #expect(try String(contentsOfFile: out + "/hosts", encoding: .utf8).contains("localhost"))
        // A whole tree takes the mounts below it too.
        #expect(try dockyard.run(["cp", "mounted:/", out + "/all"]).status == 0)
        #expect(try String(contentsOfFile: out + "/all/etc/hostname", encoding: .utf8) == "box\n")
        #expect(try String(contentsOfFile: out + "/all/vol/d/f", encoding: .utf8) == "kept\n")
    }

    private func expectCopies(from container: String) throws {
        let out = directory.appending("out-\(container)")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var result = try dockyard.run(["cp", "\(container):/data/a", out + "/a.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "one\n")
        result = try dockyard.run(["cp", "\(container):/data", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out + "/data/sub/b", encoding: .utf8) == "two\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/data/link") == "/etc/hostname")
        result = try dockyard.run(["cp", "\(container):/data/link", out + "/link"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/link") == "/etc/hostname")
        // A path through a symlink (/data/etc -> /etc) and back up resolves inside the container.
        result = try dockyard.run(["cp", "\(container):/data/etc/../etc/passwd", out + "/passwd"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out + "/passwd", encoding: .utf8).hasPrefix("root:"))
        #expect(try dockyard.run(["cp", "\(container):/nope", out]).status == 1)
    }
}
