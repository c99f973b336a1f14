import ArgumentParser
import Testing
@testable import DockyardCLI

/// `RunCommandQuickParser` reads `run`'s usual lines without ArgumentParser: whatever it accepts,
/// it must read exactly as ArgumentParser does, and whatever it is unsure of it leaves to it.
struct RunQuickParseTests {
    /// Every property of the command, wrappers included, as `dump` shows it: a property the quick
    /// reader forgot to set shows as ArgumentParser's unparsed definition and fails the comparison.
    static func fields(_ command: RunCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    static let accepted: [[String]] = [
        ["--rm", "--network", "none", "busybox", "true"],
        ["busybox"],
        ["--rm", "-h", "box", "-e", "A=1", "-it", "--name", "x", "busybox", "sh", "-c", "true"],
        ["-d", "--name=web", "-p", "8080:80", "-P", "--restart", "always", "nginx"],
        ["--rm", "-e", "A=1", "--env=B=2", "-e", "C", "-w", "/tmp", "-u", "1000:1000", "--group-add", "wheel",
         "--group-add=10", "busybox", "id"],
        ["--rm", "-m", "64m", "--cpus", "0.5", "--pids-limit", "20", "--stop-signal", "SIGUSR1", "--stop-timeout", "3",
         "busybox", "sleep", "1"],
        ["--rm", "-v", "/tmp:/data:ro", "--volume=data:/d", "--tmpfs", "/run", "--read-only", "busybox"],
        ["--rm", "--privileged", "--cap-add", "NET_ADMIN", "--cap-drop=ALL", "--security-opt", "no-new-privileges",
         "--userns", "remap", "--device", "/dev/null:/dev/mynull:r", "busybox"],
        ["--rm", "--explain=json", "--pull", "never", "--simulate", "--root", "/tmp/x", "--init", "--entrypoint", "sh",
         "busybox", "-c", "echo hi"],
        ["-dit", "--network=host", "--hostname", "h1", "alpine:3.19", "--rm", "-it", "--", "x"],
        ["--interactive", "--tty", "--detach", "--publish-all", "--name", "", "busybox"],
        ["--rm", "busybox", "--", "true"],
        ["--rm", "--memory-swap", "128m", "--memory-reservation=32m", "--oom-kill-disable", "-c", "512", "--cpuset-cpus", "0",
         "--shm-size", "1m", "--ulimit", "nofile=10:20", "--ulimit=nproc=5", "--sysctl", "kernel.shmmni=100", "-m", "64m",
         "--add-host", "db:10.0.0.1", "--dns", "9.9.9.9", "--dns-search", "example.com", "-l", "a=b", "--label", "c",
         "--label-file", "/dev/null", "--env-file", "/dev/null", "--expose", "80", "--cidfile", "/tmp/x.cid",
         "--platform", "linux/amd64", "-a", "stdout", "--attach=stderr", "--mount", "type=tmpfs,dst=/t", "busybox"],
        ["-d", "--health-cmd", "test -f /ok", "--health-interval=2s", "--health-timeout", "1s", "--health-retries", "5",
         "--health-start-period", "10s", "--log-driver", "json-file", "--log-opt", "max-size=1m", "--log-opt=max-file=2", "busybox"],
        ["-d", "--no-healthcheck", "--log-driver=none", "--cgroupns", "host", "busybox"],
        ["--rm", "--device-read-bps", "/dev/vda:1mb", "--device-write-bps=/dev/vda:512k", "--device-write-bps", "/dev/sda:1", "busybox"],
        ["--rm", "--pid", "container:web", "--ipc=shareable", "--uts", "host", "--network", "container:web", "--pod", "p1", "busybox"],
    ]

    @Test("each line the quick reader accepts gives the command ArgumentParser gives, field by field")
    func sameAsArgumentParser() throws {
        for line in Self.accepted {
            let quick = try #require(RunCommandQuickParser.parse(line), "\(line)")
            let full = try RunCommand.parse(line)
            #expect(Self.fields(quick) == Self.fields(full), "\(line)")
            #expect(Self.fields(quick).contains("- value: \"\(quick.image)\""), "the dump shows the parsed values")
        }
    }

    @Test("the comparison sees a property the quick reader did not set")
    func comparisonSeesUnsetProperties() throws {
        var quick = try #require(RunCommandQuickParser.parse(["--rm", "busybox"]))
        quick.security = SecurityFlags()
        #expect(Self.fields(quick) != Self.fields(try RunCommand.parse(["--rm", "busybox"])))
    }

    @Test("help, unknown or malformed flags and values ArgumentParser refuses are left to it")
    func unsureLinesFallBack() {
        let unsure: [[String]] = [
            [], ["--help"], ["-h"], ["--rm"], ["--", "busybox"], ["--bogus", "busybox"], ["-x", "busybox"],
            ["--memory", "lots", "busybox"], ["--name", "a", "--name", "b", "busybox"], ["--stop-timeout", "soon", "busybox"],
            ["--pids-limit", "-1", "busybox"], ["--explain=yaml", "busybox"], ["--pull=sometimes", "busybox"],
            ["--rm", "--restart", "always", "busybox"], ["-e"], ["--name", "--rm", "busybox"], ["-ie", "A", "busybox"],
            ["--rm=true", "busybox"], ["-", "busybox"], ["--userns", "other", "busybox"], ["--network", "", "busybox"],
            ["--health-interval", "soon", "busybox"], ["--no-healthcheck", "--health-cmd", "true", "busybox"],
            ["--log-driver", "syslog", "busybox"], ["--log-opt", "max-size=lots", "busybox"], ["--health-retries", "x", "busybox"],
            ["--cgroupns", "shared", "busybox"],
            ["--pid", "bogus", "busybox"], ["--uts=container:x", "busybox"],
        ]
        for line in unsure {
            #expect(RunCommandQuickParser.parse(line) == nil, "\(line)")
        }
    }
}
