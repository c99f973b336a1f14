import Foundation
import Testing
import TestSupport

/// A container must never hold a descriptor of whoever ran it: not the caller's file (which it
/// could reopen through /proc/self/fd), not the caller's terminal (where TIOCSTI types into the
/// caller's shell), and, while `exec` starts, not dockyard's own descriptors or binary. These run
/// the attacks from inside real containers with small static probes (Tests/Probes).
@Suite("The caller's terminal, files and descriptors stay out of the container's reach", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct CallerIsolationTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "caller-isolation")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// `dockyard ARGS` run by `sh -c SCRIPT`: the script's $1… are `given`, then `exec "$@"`
    /// after shifting them runs dockyard.
    func shell(_ script: String, given: [String] = [], _ arguments: [String]) throws -> DockyardProcess.Result {
        try dockyard.run(arguments, prefix: ["/bin/sh", "-c", script, "sh"] + given)
    }

    /// `dockyard ARGS` in a pseudo-terminal of its own (util-linux `script`), as from a user's shell.
    func inTerminal(_ arguments: [String]) throws -> DockyardProcess.Result {
        let quoted = ([DockyardProcess.executable] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        // (DockyardProcess appends its executable to the prefix; it is the ignored $2 here.)
        return try dockyard.run([], prefix: ["/bin/sh", "-c", "exec script -qec \"$1\" /dev/null", "sh", quoted])
    }

    @Test("run > file: the container's stdout is a pipe, so it cannot reopen the caller's file")
    func outputIsAPipe() throws {
        let file = directory.appending("caller.txt")
        try "the caller's earlier lines\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try shell("out=\"$1\"; shift; exec \"$@\" >> \"$out\" 2>&1", given: [file], [
            "run", "--rm", "--network", "none", "busybox", "sh", "-c",
            "readlink /proc/self/fd/1; readlink /proc/self/fd/2; echo written"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.dropFirst().prefix(2).allSatisfy { $0.hasPrefix("pipe:[") }, "\(lines)")
        #expect(lines.last == "written")
    }

    @Test("without -t, neither run nor exec hands the container the caller's terminal")
    func terminalOutOfReach() throws {
        let probe = try ProbeProgram.mountFlags("terminal")
        let run = try inTerminal(["run", "--rm", "--network", "none"] + probe + ["busybox", "/probe"])
        #expect(run.status == 0, "\(run.stdout)")
        for stream in ["fd0", "fd1", "fd2"] {
            #expect(run.stdout.contains("\(stream) ") && !run.stdout.contains("\(stream) /dev/pts"), "\(run.stdout)")
        }
        #expect(!run.stdout.contains("tiocsti=ok"), "\(run.stdout)")
        #expect(run.stdout.contains("/dev/tty open=No such device or address"), "\(run.stdout)")

        let started = try dockyard.run(["run", "-d", "--name", "target", "--network", "none"] + probe + ["busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "target"]) }
        let exec = try inTerminal(["exec", "target", "/probe"])
        #expect(!exec.stdout.contains("tiocsti=ok") && !exec.stdout.contains("/dev/pts"), "\(exec.stdout)")
        #expect(exec.stdout.contains("/dev/tty open=No such device or address"), "\(exec.stdout)")
    }

    @Test("pipes in and out still work: stdin with -i, large output, stdout and stderr apart")
    func pipesStillWork() throws {
        let echoed = try shell("printf 'one\\ntwo\\n' | exec \"$@\"",
                               ["run", "--rm", "-i", "--network", "none", "busybox", "sh", "-c", "cat; echo err >&2"])
        #expect(echoed.status == 0 && echoed.stdout == "one\ntwo\n" && echoed.stderr == "err\n", "\(echoed)")
        let large = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' a"])
        #expect(large.stdout.utf8.count == 3_000_000)
        // Endless input that the container never reads must not hold up its output or its end.
        let ignored = try shell("yes | exec \"$@\"",
                                ["run", "--rm", "-i", "--network", "none", "busybox", "sh", "-c", "head -c 200000 /dev/zero | wc -c"])
        #expect(ignored.status == 0 && ignored.stdout.contains("200000"), "\(ignored)")

        #expect(try dockyard.run(["run", "-d", "--name", "piped", "--network", "none", "busybox", "sleep", "60"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "piped"]) }
        let exec = try shell("echo through | exec \"$@\"", ["exec", "-i", "piped", "sh", "-c", "cat; readlink /proc/self/fd/0"])
        #expect(exec.status == 0 && exec.stdout.hasPrefix("through\npipe:["), "\(exec)")
        // A background process that keeps the pipes open does not keep exec waiting.
        let background = try dockyard.run(["exec", "piped", "sh", "-c", "sleep 30 & echo started"])
        #expect(background.status == 0 && background.stdout == "started\n", "\(background)")
    }

    @Test("exec: until it execs, the new process's descriptors and the host's binary are out of reach")
    func execBeforeExec() throws {
        let secret = directory.appending("secret.txt")
        try "HOST-SECRET\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let started = try dockyard.run(["run", "-d", "--name", "watcher", "--network", "none"]
                                       + ProbeProgram.mountFlags("procscan") + ["busybox", "sh", "-c", "/probe 6; sleep 60"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "watcher"]) }
        // Each exec is given the secret file as its descriptor 9, as `dockyard exec … 9<secret` would.
        for _ in 0..<40 {
            let exec = try shell("file=\"$1\"; shift; exec \"$@\" 9<\"$file\"", given: [secret], ["exec", "watcher", "true"])
            #expect(exec.status == 0, "\(exec.stderr)")
        }
        var report = ""
        for _ in 0..<100 where !report.contains("scans=") {
            report = try dockyard.run(["logs", "watcher"]).stdout
            usleep(100_000)
        }
        #expect(report.contains("host-file=0 host-binary=0"), "\(report)")
        #expect(!report.contains("processes=0 "), "the probe saw no exec at all: \(report)")
    }

    @Test("exec -u reads the container's /etc/passwd inside its root: a planted symlink or FIFO reaches no host file")
    func planted() throws {
        let hostPasswd = directory.appending("passwd-on-host")
        try "hostonly:x:4242:4242::/:/bin/sh\n".write(toFile: hostPasswd, atomically: true, encoding: .utf8)
        let started = try dockyard.run(["run", "-d", "--name", "planter", "--network", "none", "busybox", "sh", "-c",
                                        "ln -sf \(hostPasswd) /etc/passwd && rm /etc/group && mkfifo /etc/group && sleep 60"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "planter"]) }
        usleep(300_000)
        let symlinked = try dockyard.run(["exec", "-u", "hostonly", "planter", "id", "-u"])
        #expect(symlinked.status != 0 && !symlinked.stdout.contains("4242"), "\(symlinked)")
        #expect(symlinked.stderr.contains("unable to find user hostonly"), "\(symlinked.stderr)")
        let fifo = try dockyard.run(["exec", "-u", "0:0", "planter", "true"])   // must not hang on the FIFO
        #expect(fifo.status == 0, "\(fifo.stderr)")
    }
}
