import Foundation
import Testing
import TestSupport

/// Volumes and files: -v, --tmpfs, --read-only and named volumes, with the real binary.
@Suite("Volumes and files, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct VolumeCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "volumes")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("-v HOSTPATH:PATH and :ro, --tmpfs and --read-only from the command line")
    func bindTmpfsReadOnly() throws {
        let host = directory.appending("host")
        try directory.write("host/in", "from host\n")
        let rw = try dockyard.run(["run", "--rm", "-v", host + ":/data", "busybox", "sh", "-c", "cat /data/in; echo hi > /data/out"])
        #expect(rw.status == 0, "\(rw.stderr)")
        #expect(rw.stdout == "from host\n")
        #expect(try TestFiles.readText(host + "/out") == "hi\n")

        let ro = try dockyard.run(["run", "--rm", "-v", host + ":/data:ro", "busybox", "sh", "-c", "echo x > /data/in"])
        #expect(ro.status == 1)
        #expect(ro.stderr.contains("Read-only file system"))

        let missing = try dockyard.run(["run", "--rm", "-v", directory.appending("nope") + ":/data:ro", "busybox", "true"])
        #expect(missing.status == 125)
        #expect(missing.stderr.contains("bind source path does not exist"), "\(missing.stderr)")
        #expect(try dockyard.run(["run", "--rm", "-v", "data", "busybox", "true"]).status == 125)

        let readOnly = try dockyard.run(["run", "--rm", "--read-only", "--tmpfs", "/tmp", "--explain", "busybox", "sh", "-c",
                                         "touch /x || echo refused; touch /tmp/x && echo tmp ok"])
        #expect(readOnly.stdout == "refused\ntmp ok\n", "\(readOnly.stderr)")
        #expect(readOnly.stderr.contains("tmpfs on "), "the tmpfs mount is explained")
    }

    @Test("a named volume is created, filled from the image on first use, and outlives its containers")
    func namedVolume() throws {
        #expect(try dockyard.run(["volume", "create", "cache"]).stdout == "cache\n")
        let first = try dockyard.run(["run", "--rm", "-v", "cache:/etc", "busybox", "sh", "-c", "ls /etc; echo kept > /etc/mine"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("passwd"), "pre-filled from the image's /etc: \(first.stdout)")
        let second = try dockyard.run(["run", "--rm", "-v", "cache:/data", "busybox", "cat", "/data/mine"])
        #expect(second.stdout == "kept\n", "\(second.stderr)")

        let implicit = try dockyard.run(["run", "--rm", "-v", "made-on-run:/x", "busybox", "true"])
        #expect(implicit.status == 0, "\(implicit.stderr)")
        let list = try dockyard.run(["volume", "ls"])
        #expect(list.stdout.hasPrefix("DRIVER    VOLUME NAME\n"))
        #expect(list.stdout.contains("local     cache\n") && list.stdout.contains("made-on-run"))

        let inspect = try dockyard.run(["volume", "inspect", "cache"])
        #expect(inspect.stdout.contains("\"Mountpoint\" : \"\(directory.appending("root"))/volumes/cache/_data\""), "\(inspect.stdout)")

        _ = try dockyard.run(["run", "--name", "user", "-v", "cache:/data", "busybox", "true"])
        let refused = try dockyard.run(["volume", "rm", "cache"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("volume is in use"))
        _ = try dockyard.run(["rm", "user"])
        #expect(try dockyard.run(["volume", "rm", "cache", "made-on-run"]).status == 0)
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout.isEmpty)
        #expect(try dockyard.run(["volume", "inspect", "cache"]).status == 1)
    }

    @Test("run --rm removes the container's anonymous volumes and keeps its named ones, as Docker does")
    func autoRemoveTakesAnonymousVolumes() throws {
        let run = try dockyard.run(["run", "--rm", "-v", "/scratch", "-v", "kept:/kept", "busybox", "sh", "-c",
                                    "echo x > /scratch/f; echo y > /kept/f"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout == "kept\n")

        // Without --rm the anonymous volume stays with its stopped container.
        #expect(try dockyard.run(["run", "--name", "keeper", "-v", "/scratch", "busybox", "true"]).status == 0)
        let names = try dockyard.run(["volume", "ls", "-q"]).stdout.split(separator: "\n")
        #expect(names.count == 2 && names.contains("kept"), "\(names)")
        _ = try dockyard.run(["rm", "keeper"])
    }
}
