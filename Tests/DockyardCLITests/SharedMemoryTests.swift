import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// /dev/shm with the real kernel, as Docker shares it: `--ipc shareable` mounts the container's
/// tmpfs on the host (its directory's `shm`) and binds it; `--ipc container:` binds the donor's, so
/// a file one writes there the other reads; `--ipc host` binds the host's; a pod's containers share
/// its infra's. Nothing is left mounted after the container goes.
@Suite("/dev/shm shared with --ipc, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"))
struct SharedMemoryTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "shm")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    var mounts: String { (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "" }

    @Test("a file written in a shareable container's /dev/shm is read in its joiner's, and back; a private container sees neither")
    func donorAndJoiner() throws {
        let started = try dockyard.run(["run", "-d", "--name", "shm-donor", "--network", "none", "--ipc", "shareable", "busybox",
                                        "sh", "-c", "echo from-donor > /dev/shm/note; sleep 60"])
        try #require(started.status == 0, "\(started.stderr)")
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? dockyard.run(["rm", "-f", "shm-donor"]) }
        let hostPath = directory.appending("root/containers/\(id)/shm")
        #expect(mounts.contains(" \(hostPath) "), "the donor's tmpfs is mounted on the host, in its directory")
        #expect(Polling.until(seconds: 10) { FileManager.default.fileExists(atPath: hostPath + "/note") })

        let joiner = try dockyard.run(["run", "--rm", "--network", "none", "--ipc", "container:shm-donor", "busybox",
                                       "sh", "-c", "cat /dev/shm/note && echo from-joiner > /dev/shm/reply && grep ' /dev/shm ' /proc/self/mountinfo"])
        #expect(joiner.status == 0, "\(joiner.stderr)")
        #expect(joiner.stdout.hasPrefix("from-donor\n"), "\(joiner.stdout)")
        #expect(joiner.stdout.contains("nosuid,nodev,noexec"), "the bind is hardened as Docker's: \(joiner.stdout)")
        let back = try dockyard.run(["exec", "shm-donor", "cat", "/dev/shm/reply"])
        #expect(back.stdout == "from-joiner\n", "\(back.stdout) \(back.stderr)")

        let loner = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "ls", "-A", "/dev/shm"])
        #expect(loner.status == 0 && loner.stdout.isEmpty, "a private /dev/shm of its own: \(loner.stdout)")

        let removed = try dockyard.run(["rm", "-f", "shm-donor"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(Polling.until(seconds: 10) { !mounts.contains(hostPath) }, "the tmpfs goes with the container")
        #expect(!FileManager.default.fileExists(atPath: directory.appending("root/containers/\(id)")))
    }

    @Test("--ipc host binds the host's /dev/shm: a host file is read inside, and what the container writes is the host's")
    func host() throws {
        let name = "dockyard-shm-test-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
        try "from-host\n".write(toFile: "/dev/shm/" + name, atomically: false, encoding: .utf8)
        defer { unlink("/dev/shm/" + name); unlink("/dev/shm/" + name + ".reply") }
        let run = try dockyard.run(["run", "--rm", "--network", "none", "--ipc", "host", "busybox",
                                    "sh", "-c", "cat /dev/shm/\(name) && echo from-container > /dev/shm/\(name).reply"])
        #expect(run.status == 0 && run.stdout == "from-host\n", "\(run.stdout) \(run.stderr)")
        #expect((try? String(contentsOfFile: "/dev/shm/\(name).reply", encoding: .utf8)) == "from-container\n")
    }

    @Test("a pod's containers share the infra's /dev/shm, as they share its IPC namespace",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"), "a pod's network needs nft"))
    func pod() throws {
        let created = try dockyard.run(["pod", "create", "--name", "shm-pod"])
        try #require(created.status == 0, "\(created.stderr)")
        defer { _ = try? dockyard.run(["pod", "rm", "-f", "shm-pod"]) }
        let writer = try dockyard.run(["run", "-d", "--pod", "shm-pod", "--name", "shm-writer", "busybox",
                                       "sh", "-c", "echo in-the-pod > /dev/shm/pod-note; sleep 60"])
        try #require(writer.status == 0, "\(writer.stderr)")
        var read = ""
        #expect(Polling.until(seconds: 10) {
            read = (try? dockyard.run(["run", "--rm", "--pod", "shm-pod", "busybox", "cat", "/dev/shm/pod-note"]).stdout) ?? ""
            return read == "in-the-pod\n"
        }, "\(read)")
        let removed = try dockyard.run(["pod", "rm", "-f", "shm-pod"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!mounts.contains(directory.appending("root/containers")), "no shm mount left behind")
    }
}
