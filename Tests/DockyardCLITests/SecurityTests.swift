import Foundation
import Testing
import TestSupport

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
