import Foundation
import Testing
import TestSupport

/// The devices cgroup, attacked from inside real containers: a static probe makes fresh nodes for
/// the host's loop device, /dev/kmsg, /dev/kvm and /dev/userfaultfd and tries to open them, and
/// prints what the kernel answered (Tests/Probes/devices.c).
@Suite("Devices cgroup, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct DeviceTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "devices")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// Runs the probe with `arguments` in a new container started with `flags`; its output lines.
    func probe(_ flags: [String], _ arguments: [String] = []) throws -> [String] {
        let result = try dockyard.run(["run", "--rm", "--network", "none"] + ProbeProgram.mountFlags("devices") + flags
                                      + ["busybox", "/probe"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("by default a node can be made but not opened: the loop device, kmsg, kvm and userfaultfd get EPERM; null and friends open")
    func defaultPolicy() throws {
        let lines = try probe([])
        for name in ["loop0", "kmsg", "kvm", "userfaultfd"] {
            #expect(lines.contains("\(name) mknod=ok open=EPERM"), "\(lines)")
        }
        for path in ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"] {
            #expect(lines.contains("\(path) open=ok io=ok"), "\(lines)")
        }
    }

    @Test("--privileged lets the mknod'ed loop and kmsg nodes open")
    func privileged() throws {
        let lines = try probe(["--privileged"])
        #expect(lines.contains("loop0 mknod=ok open=ok"), "\(lines)")
        #expect(lines.contains("kmsg mknod=ok open=ok"), "\(lines)")
    }

    @Test("--device /dev/fuse makes it openable inside; with :r only reading is allowed")
    func device() throws {
        guard FileManager.default.fileExists(atPath: "/dev/fuse") else { return }
        #expect(try probe([], ["open", "/dev/fuse", "rw"]) == ["/dev/fuse open=ENOENT"])   // not there without --device
        // Opened, the unmounted fuse driver refuses the byte itself (EPERM of its own).
        #expect(try probe(["--device", "/dev/fuse"], ["open", "/dev/fuse", "rw"]).first?.hasPrefix("/dev/fuse open=ok") == true)
        let readOnly = ["--device", "/dev/fuse:/dev/myfuse:r"]
        #expect(try probe(readOnly, ["open", "/dev/myfuse", "r"]).first?.hasPrefix("/dev/myfuse open=ok") == true)
        #expect(try probe(readOnly, ["open", "/dev/myfuse", "w"]) == ["/dev/myfuse open=EPERM"])
        // A host node under another name: /dev/null's numbers at /dev/mynull (Docker's default
        // list allows c 1:3 rwm anyway, so it writes too).
        let null = try dockyard.run(["run", "--rm", "--network", "none", "--device", "/dev/null:/dev/mynull:r",
                                     "busybox", "stat", "-c", "%F %t:%T %a", "/dev/mynull"])
        #expect(null.stdout == "character special file 1:3 666\n", "\(null.stdout) \(null.stderr)")
    }

    @Test("exec joins the devices cgroup; the cgroup is gone once the container is removed; start keeps --device")
    func execAndRemoval() throws {
        let started = try dockyard.run(["run", "-d", "--name", "devs", "--network", "none"] + ProbeProgram.mountFlags("devices")
                                       + ["busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let cgroup = "/sys/fs/cgroup/devices/dockyard/\(id)"
        #expect(FileManager.default.fileExists(atPath: cgroup))
        let list = (try? String(contentsOfFile: cgroup + "/devices.list", encoding: .utf8)) ?? ""
        #expect(list.contains("c 1:3 rwm") && !list.contains("a *:* rwm"), "\(list)")
        let exec = try dockyard.run(["exec", "devs", "/probe"])
        #expect(exec.stdout.contains("loop0 mknod=ok open=EPERM"), "\(exec.stdout) \(exec.stderr)")
        #expect(try dockyard.run(["rm", "-f", "devs"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: cgroup))

        // A restarted container keeps its --device: the record carries it to `start`.
        let first = try dockyard.run(["run", "--name", "kept", "--network", "none"] + ProbeProgram.mountFlags("devices")
                                     + ["--device", "/dev/null:/dev/kept", "busybox", "/probe", "open", "/dev/kept", "rw"])
        #expect(first.stdout == "/dev/kept open=ok io=ok\n", "\(first.stdout) \(first.stderr)")
        let again = try dockyard.run(["start", "-a", "kept"])
        #expect(again.stdout == first.stdout, "\(again.stdout) \(again.stderr)")
        _ = try dockyard.run(["rm", "-f", "kept"])
    }

    @Test("--explain shows the devices cgroup writes; bad --device values get 125 and name the value")
    func explainAndErrors() throws {
        let explained = try dockyard.run(["run", "--rm", "--network", "none", "--explain", "busybox", "true"])
        #expect(explained.stderr.contains("write a > /sys/fs/cgroup/devices/dockyard/"), "\(explained.stderr)")
        #expect(explained.stderr.contains("write c 136:* rwm > "), "\(explained.stderr)")
        for (value, message) in [("/etc/passwd", "\"/etc/passwd\": not a device node"), ("/dev/nope", "\"/dev/nope\": No such file"),
                                 ("/dev/null:/x:rx", "\"/dev/null:/x:rx\""), ("null", "\"null\"")] {
            let bad = try dockyard.run(["run", "--rm", "--network", "none", "--device", value, "busybox", "true"])
            #expect(bad.status == 125 && bad.stderr.contains(message), "\(value): \(bad.stderr)")
        }
        // Nothing was left: no container record from the refused creates.
        #expect(try dockyard.run(["ps", "-aq"]).stdout.isEmpty)
    }
}
