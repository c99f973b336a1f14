import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What a container may not write through: the `--init` binary it shares with the host, and the
/// submounts under a read-only bind mount such as `-v /:/host:ro`.
@Suite("Read-only mounts stay read-only", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct ReadOnlyMountTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "romount")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("root in a container cannot make /dev/init setuid or write to it, and the host's copy is unchanged")
    func initIsReadOnly() throws {
        let result = try dockyard.run(["run", "--init", "--rm", "--network", "none", "busybox", "sh", "-c",
                                       "chmod 4777 /dev/init; echo chmod=$?; echo x >> /dev/init; echo append=$?"])
        #expect(result.stdout.contains("chmod=1"), "\(result.stdout)")
        #expect(result.stdout.contains("append=1"), "\(result.stdout)")
        #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
        let copy = directory.appending("root/init/dockyard-init")
        var info = stat()
        #expect(lstat(copy, &info) == 0, "--init did not bind the copy in the storage root")
        #expect(info.st_mode & 0o7777 == 0o555)
        #expect(info.st_uid == 0)
        let built = URL(fileURLWithPath: DockyardProcess.executable).deletingLastPathComponent().appendingPathComponent("dockyard-init").path
        #expect(FileManager.default.contentsEqual(atPath: copy, andPath: built))
        #expect(lstat(built, &info) == 0 && info.st_mode & 0o6000 == 0, "the build's dockyard-init became set-id")
        // It still runs as pid 1 in front of the command.
        #expect(try dockyard.run(["run", "--init", "--rm", "--network", "none", "busybox", "sh", "-c",
                                  "cat /proc/1/cmdline | tr '\\0' ' '"]).stdout.hasPrefix("/dev/init -- sh"))
    }

    @Test("-v /:/host:ro makes the host's submounts read-only too, and --explain says so")
    func recursiveReadOnly() throws {
        let marker = "dockyard-rro-\(getpid())"
        let result = try dockyard.run(["run", "--rm", "--network", "none", "-v", "/:/host:ro", "busybox", "sh", "-c",
                                       "touch /host/dev/shm/\(marker); echo shm=$?; touch /host/\(marker); echo root=$?"])
        #expect(result.stdout.contains("shm=1"), "\(result.stdout)")
        #expect(result.stdout.contains("root=1"), "\(result.stdout)")
        #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
        #expect(access("/dev/shm/\(marker)", F_OK) != 0, "a file appeared in the host's /dev/shm")
        unlink("/dev/shm/\(marker)")
        let explained = try dockyard.run(["run", "--rm", "--network", "none", "--explain", "-v", "/:/host:ro", "busybox", "true"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect((explained.stdout + explained.stderr).contains("rro"), "\(explained.stdout)\(explained.stderr)")
    }

    @Test("-v DIR:/d stays writable and -v DIR:/d:ro refuses writes")
    func bindModes() throws {
        let shared = directory.appending("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let writable = try dockyard.run(["run", "--rm", "--network", "none", "-v", "\(shared):/d", "busybox", "sh", "-c", "echo hi > /d/file"])
        #expect(writable.status == 0, "\(writable.stderr)")
        #expect(try String(contentsOfFile: shared + "/file", encoding: .utf8) == "hi\n")
        let readOnly = try dockyard.run(["run", "--rm", "--network", "none", "-v", "\(shared):/d:ro", "busybox", "sh", "-c", "echo no > /d/other"])
        #expect(readOnly.status != 0)
        #expect(readOnly.stderr.contains("Read-only file system"), "\(readOnly.stderr)")
        #expect(access(shared + "/other", F_OK) != 0)
    }
}
