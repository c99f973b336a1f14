import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Confinement as the kernel reports it from inside real containers: /proc/self/status shows the
/// capability sets and the seccomp mode, and root inside is refused what Docker refuses it.
@Suite("Capabilities, seccomp and masked paths, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct SecurityTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "security")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// `/proc/self/status` fields of a container run with `flags`.
    func status(_ flags: [String], user: String? = nil) throws -> [String: String] {
        let result = try dockyard.run(["run", "--rm", "--network", "none"] + (user.map { ["-u", $0] } ?? []) + flags
                                      + ["busybox", "cat", "/proc/self/status"])
        #expect(result.status == 0, "\(result.stderr)")
        var fields: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    @Test("by default: Docker's 14 capabilities, a seccomp filter, and no_new_privs off")
    func defaults() throws {
        let fields = try status([])
        #expect(fields["CapBnd"] == "00000000a80425fb")
        #expect(fields["CapEff"] == "00000000a80425fb")
        #expect(fields["CapInh"] == "0000000000000000")
        #expect(fields["CapAmb"] == "0000000000000000")
        #expect(fields["Seccomp"] == "2")
        #expect(fields["NoNewPrivs"] == "0")
    }

    @Test("a non-root user keeps the bounding set but holds no capability")
    func nonRoot() throws {
        let fields = try status([], user: "65534")
        #expect(fields["CapBnd"] == "00000000a80425fb")
        #expect(fields["CapEff"] == "0000000000000000")
        #expect(fields["CapPrm"] == "0000000000000000")
    }

    @Test("--cap-drop, --cap-add and --security-opt change exactly what they name")
    func flags() throws {
        #expect(try status(["--cap-drop", "ALL"])["CapBnd"] == "0000000000000000")
        #expect(try status(["--cap-drop", "ALL", "--cap-add", "net_bind_service"])["CapEff"] == "0000000000000400")
        #expect(try status(["--cap-drop", "CHOWN"])["CapEff"] == "00000000a80425fa")
        #expect(try status(["--security-opt", "seccomp=unconfined"])["Seccomp"] == "0")
        #expect(try status(["--security-opt", "no-new-privileges"])["NoNewPrivs"] == "1")
        let privileged = try status(["--privileged"])
        #expect(privileged["Seccomp"] == "0")
        let hostBounding = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("CapBnd:") }?.split(separator: "\t").last.map(String.init)
        #expect(privileged["CapBnd"] == hostBounding)
        // ALL is every capability dockyard itself may grant: on a host whose bounding set lacks
        // one (this VM's lacks SYS_RESOURCE), asking for it made capset fail the start.
        let all = try status(["--cap-add", "ALL"])
        #expect(all["CapEff"] == hostBounding && all["CapBnd"] == hostBounding, "\(all)")
        #expect(try status(["--cap-add", "ALL", "--cap-drop", "SYS_ADMIN"])["CapEff"]
                == hostBounding.flatMap { UInt64($0, radix: 16) }.map { String(format: "%016lx", $0 & ~(UInt64(1) << 21)) })
    }

    @Test("root inside is refused what Docker refuses it, until the capability is given back")
    func refusals() throws {
        let script = "hostname x 2>&1; mount -t tmpfs t /tmp 2>&1; unshare -U true 2>&1; echo 1 > /proc/sys/vm/drop_caches 2>&1; true"
        let refused = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "sh", "-c", script])
        #expect(refused.stdout.contains("sethostname: Operation not permitted"), "\(refused.stdout)")
        #expect(refused.stdout.contains("mount: permission denied"), "\(refused.stdout)")
        #expect(refused.stdout.contains("unshare(0x10000000): Operation not permitted"), "\(refused.stdout)")
        #expect(refused.stderr.contains("Read-only file system"), "\(refused.stderr)")
        // SYS_ADMIN brings back mount: the capability, and the seccomp rule that follows it.
        let given = try dockyard.run(["run", "--rm", "--network", "none", "--cap-add", "SYS_ADMIN", "busybox", "sh", "-c",
                                      "mount -t tmpfs lesson /tmp && grep lesson /proc/mounts"])
        #expect(given.status == 0 && given.stdout.contains("lesson /tmp tmpfs"), "\(given.stderr)")
    }

    @Test("masked /proc files read as empty; --privileged unmasks them")
    func maskedPaths() throws {
        guard FileManager.default.fileExists(atPath: "/proc/timer_list") else { return }
        let masked = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "wc", "-c", "/proc/timer_list"])
        #expect(masked.stdout.hasPrefix("0 "), "\(masked.stdout)")
        let open = try dockyard.run(["run", "--rm", "--network", "none", "--privileged", "busybox", "wc", "-c", "/proc/timer_list"])
        #expect(!open.stdout.hasPrefix("0 "), "\(open.stdout)")
    }

    @Test("exec runs under the container's own confinement")
    func exec() throws {
        let started = try dockyard.run(["run", "-d", "--name", "confined", "--network", "none", "--cap-drop", "KILL", "busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "confined"]) }
        let status = try dockyard.run(["exec", "confined", "grep", "-E", "CapBnd|Seccomp:", "/proc/self/status"])
        #expect(status.stdout.contains("00000000a80425db"), "\(status.stdout)")
        #expect(status.stdout.contains("Seccomp:\t2"), "\(status.stdout)")
    }

    @Test("--userns remap: root inside is uid 100000 outside, the image still belongs to root, writes land as host 0")
    func userNamespace() throws {
        // Refused, with the reason, while the storage root is private (mkdtemp makes it 0700)…
        let refused = try dockyard.run(["run", "--rm", "--userns", "remap", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains("is not searchable by others"), "\(refused.stderr)")
        // …and runs once root of the user namespace (host uid 100000) can reach the layers.
        #expect(chmod(directory.path, 0o711) == 0)
        let started = try dockyard.run(["run", "-d", "--name", "remapped", "--userns", "remap", "busybox", "sh", "-c",
                                        "echo hi > /etc/new; sleep 60"])
        #expect(started.status == 0, "\(started.stderr)")
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? dockyard.run(["rm", "-f", "remapped"]) }
        let inspected = try dockyard.run(["inspect", "remapped"]).stdout
        let container = (try JSONSerialization.jsonObject(with: Data(inspected.utf8)) as? [[String: Any]])?.first
        let pid = try #require((container?["State"] as? [String: Any])?["Pid"] as? Int)
        // The host sees an unprivileged user.
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        #expect(status.contains("Uid:\t100000\t100000\t100000\t100000"), "\(status)")
        // Inside, exec joins the same user namespace: root, owning the image's files.
        let inside = try dockyard.run(["exec", "remapped", "sh", "-c", "id -u; cat /proc/self/uid_map; stat -c %u /bin/busybox; cat /etc/new"])
        #expect(inside.status == 0, "\(inside.stderr)")
        let lines = inside.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines == ["0", "0 100000 65536", "0", "hi"], "\(inside.stdout)")
        // What it wrote is stored as host uid 0, like any container's writable layer.
        var info = stat()
        #expect(stat(directory.appending("root/containers/\(id)/upper/etc/new"), &info) == 0 && info.st_uid == 0)
        // The idmapped layers exist only in the container's mount namespace.
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.contains("/idmap/"))
        let bad = try dockyard.run(["run", "--rm", "--userns", "everyone", "busybox", "true"])
        #expect(bad.status == 125 && bad.stderr.contains("\"everyone\""))

        // A named volume belongs to root inside, and what root writes there is host uid 0.
        let volume = try dockyard.run(["run", "--rm", "--network", "none", "--userns", "remap", "-v", "remapvol:/data",
                                       "busybox", "sh", "-c", "touch /data/x && stat -c %u /data/x"])
        #expect(volume.status == 0 && volume.stdout == "0\n", "\(volume.stdout) \(volume.stderr)")

        // A directory a later layer made opaque stays opaque under the user namespace's overlay.
        let context = directory.appending("opaque")
        try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
        try "FROM busybox\nRUN mkdir /d && touch /d/old\nRUN rm -rf /d && mkdir /d && touch /d/new\n"
            .write(toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        #expect(try dockyard.run(["build", "-q", "-t", "opaque", context]).status == 0)
        let listed = try dockyard.run(["run", "--rm", "--network", "none", "--userns", "remap", "opaque", "ls", "/d"])
        #expect(listed.stdout == "new\n", "\(listed.stdout) \(listed.stderr)")
    }

    @Test("--explain shows the filter and the capability sets; bad flags get 125 and the value")
    func explainAndErrors() throws {
        let explained = try dockyard.run(["run", "--rm", "--network", "none", "--explain", "busybox", "true"])
        #expect(explained.stderr.contains("seccomp    filter of"), "\(explained.stderr)")
        #expect(explained.stderr.contains("caps       bounding set 14: CHOWN DAC_OVERRIDE"), "\(explained.stderr)")
        #expect(explained.stderr.contains("mount      tmpfs on <rootfs>/proc/") || !FileManager.default.fileExists(atPath: "/proc/acpi"))
        let bad = try dockyard.run(["run", "--rm", "--cap-add", "FLY", "busybox", "true"])
        #expect(bad.status == 125 && bad.stderr.contains("unknown capability: \"FLY\""))
        let opt = try dockyard.run(["run", "--rm", "--security-opt", "apparmor=x", "busybox", "true"])
        #expect(opt.status == 125 && opt.stderr.contains("\"apparmor=x\""))
    }
}
