import Foundation
import Testing
import TestSupport

/// `dockyard-runtime` driven directly with runc's command line, as containerd's shim drives it:
/// the create/start split, state, kill, delete, exec, hooks, cgroup limits, the explain
/// annotation, and what config.json hides from the container (tried from inside it).
@Suite("dockyard-runtime: runc's command line over Dockyard's launch plan",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static): the runtime makes real containers"))
struct OCIRuntimeTests {
    let state: TemporaryDirectory
    let id: String
    let group: String

    init() throws {
        state = try TemporaryDirectory(prefix: "oci-state")
        id = "oci-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
        // One level per test, so removing it (delete, or removeIDLevel after a nested path) leaves
        // no parent behind in any hierarchy.
        group = "dockyard-oci-test-" + id
    }

    /// `dockyard-runtime --root STATE ARGUMENTS...`, its output captured.
    func runtime(_ arguments: [String]) throws -> DockyardProcess.Result {
        try DockyardProcess.capture([OCIBundle.runtime, "--root", state.path] + arguments)
    }

    /// `create`, with the container's stdout and stderr (and the runtime's) in the file `output`.
    func create(_ bundle: OCIBundle, output: String, extra: [String] = []) throws -> Int32 {
        try bundle.write()
        let script = "exec \"$0\" \"$@\" > \"$OUTPUT\" 2>&1"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, OCIBundle.runtime, "--root", state.path, "create", "--bundle", bundle.path] + extra + [id]
        process.environment = ["OUTPUT": output, "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func status() throws -> String {
        let state = try runtime(["state", id])
        guard let object = try JSONSerialization.jsonObject(with: Data(state.stdout.utf8)) as? [String: Any] else { return "?" }
        return object["status"] as? String ?? "?"
    }

    func cgroupDirectories() -> [String] {
        ["memory", "pids", "freezer", "devices", "cpu"].map { "/sys/fs/cgroup/\($0)/\(group)" }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    @Test("create leaves the process set up and waiting; start lets it exec; state goes created, running, stopped; delete leaves nothing")
    func createStartDelete() throws {
        let bundle = try OCIBundle(args: ["sh", "-c", "echo started as $(hostname); sleep 0.5"], cgroupsPath: group)
        let output = bundle.directory.appending("out")
        let pidFile = bundle.directory.appending("init.pid")
        #expect(try create(bundle, output: output, extra: ["--pid-file", pidFile]) == 0, "\(read(output))")
        #expect(try status() == "created")
        let pid = read(pidFile)
        #expect(Int32(pid) != nil, "the pid file holds the number only: \(pid.debugDescription)")
        #expect(read(output).isEmpty, "nothing ran before start")
        #expect(!cgroupDirectories().isEmpty, "its cgroup exists from create on")

        let started = try runtime(["start", id])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(try status() == "running")
        #expect(Polling.until(seconds: 10) { read(output) == "started as oci-test\n" }, "\(read(output))")
        #expect(Polling.until(seconds: 10) { (try? status()) == "stopped" })
        let again = try runtime(["start", id])
        #expect(again.status != 0 && again.stderr.contains("cannot start a container that has stopped"), "\(again.stderr)")

        let deleted = try runtime(["delete", id])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(cgroupDirectories().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
        let gone = try runtime(["state", id])
        #expect(gone.status != 0 && gone.stderr.contains("container does not exist"), "\(gone.stderr)")
    }

    @Test("kill takes a signal by name; delete refuses a running container in runc's words, and --force removes it")
    func killAndDelete() throws {
        let bundle = try OCIBundle(args: ["sh", "-c", "trap 'echo got TERM; exit 7' TERM; while true; do sleep 0.05; done"], cgroupsPath: group)
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(try runtime(["start", id]).status == 0)
        let refused = try runtime(["delete", id])
        #expect(refused.status == 1 && refused.stderr.contains("cannot delete container \(id) that is not stopped: running"), "\(refused.stderr)")
        let ps = try runtime(["ps", "--format", "json", id])
        #expect(ps.stdout.hasPrefix("[") && ps.stdout.hasSuffix("]\n"), "the pids in its cgroup: \(ps.stdout)")
        #expect(try runtime(["pause", id]).status == 0)
        #expect(try status() == "paused")
        #expect(try runtime(["resume", id]).status == 0)
        #expect(try runtime(["kill", id, "TERM"]).status == 0)
        #expect(Polling.until(seconds: 10) { (try? status()) == "stopped" })
        #expect(read(output).contains("got TERM"))
        #expect(try runtime(["delete", id]).status == 0)

        // Again, removed while it runs.
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(try runtime(["start", id]).status == 0)
        let forced = try runtime(["delete", "--force", id])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(cgroupDirectories().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
    }

    @Test("hooks get the state on stdin; a failing createRuntime hook fails create and leaves no process, cgroup or state")
    func hooks() throws {
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        let seen = bundle.directory.appending("prestart.json")
        bundle.config["hooks"] = ["prestart": [["path": "/bin/sh", "args": ["sh", "-c", "cat > \(seen)"]]]]
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        let hookState = try JSONSerialization.jsonObject(with: Data(read(seen).utf8)) as? [String: Any]
        #expect(hookState?["id"] as? String == id)
        #expect(hookState?["status"] as? String == "created")
        #expect((hookState?["pid"] as? Int ?? 0) > 0)
        #expect(try runtime(["delete", "--force", id]).status == 0)

        bundle.config["hooks"] = ["createRuntime": [["path": "/bin/sh", "args": ["sh", "-c", "echo refused >&2; exit 3"]]]]
        let status = try create(bundle, output: output)
        #expect(status == 1)
        #expect(read(output).contains("hook /bin/sh failed") && read(output).contains("refused"), "\(read(output))")
        #expect(cgroupDirectories().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
    }

    @Test("masked and read-only paths, the devices cgroup and a read-only root hold against the container's attempts")
    func confinement() throws {
        // CAP_MKNOD and CAP_SYS_ADMIN kept, so the cgroup, the masks and the mount flags are what stop it.
        let probe = """
            head -c 16 /proc/timer_list | wc -c; \
            (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null && echo wrote-sysctl || echo sysctl-refused; \
            (touch /newfile) 2>/dev/null && echo wrote-root || echo root-refused; \
            mknod /dev/sda-copy b 8 0 2>/dev/null; (head -c 1 /dev/sda-copy > /dev/null) 2>/dev/null && echo read-disk || echo disk-refused; \
            ls /secret | wc -l; echo done
            """
        let bundle = try OCIBundle(args: ["sh", "-c", probe], cgroupsPath: group)
        try bundle.directory.write("rootfs/secret/key", "not for the container")
        bundle.config["root"] = ["path": "rootfs", "readonly": true]
        bundle.edit("process") { process in
            let kept = ["CAP_MKNOD", "CAP_SYS_ADMIN", "CAP_DAC_OVERRIDE"]
            process["capabilities"] = ["bounding": kept, "effective": kept, "permitted": kept]
            process["noNewPrivileges"] = false
        }
        bundle.edit("linux") { linux in
            linux["maskedPaths"] = ["/proc/timer_list", "/secret"]
            linux["readonlyPaths"] = ["/proc/sys"]
        }
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(try runtime(["start", id]).status == 0)
        #expect(Polling.until(seconds: 10) { read(output).contains("done") }, "\(read(output))")
        let lines = read(output).split(separator: "\n").map(String.init)
        #expect(lines == ["0", "sysctl-refused", "root-refused", "disk-refused", "0", "done"], "\(read(output))")
        #expect(try runtime(["delete", "--force", id]).status == 0)
    }

    @Test("linux.resources become the cgroup's limits; the explain annotation writes the kernel objects to a log")
    func limitsAndExplain() throws {
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        let log = bundle.directory.appending("explain.log")
        bundle.config["annotations"] = ["org.dockyard.explain": log]
        bundle.edit("linux") { linux in
            linux["resources"] = ["memory": ["limit": 67_108_864], "pids": ["limit": 32],
                                  "devices": [["allow": false, "access": "rwm"]]]
        }
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(read("/sys/fs/cgroup/memory/\(group)/memory.limit_in_bytes") == "67108864\n")
        #expect(read("/sys/fs/cgroup/pids/\(group)/pids.max") == "32\n")
        let explained = read(log)
        #expect(explained.contains("pivot_root") && explained.contains("CLONE_NEWPID") && explained.contains("memory.limit_in_bytes"), "\(explained)")
        #expect(explained.contains("exec.fifo"), "the wait for start is told: \(explained)")
        #expect(try runtime(["delete", id]).status == 0, "a created container is deleted without --force")
        #expect(cgroupDirectories().isEmpty)
    }

    @Test("exec with a process.json runs in the container's namespaces and returns its exit status")
    func execProcess() throws {
        let bundle = try OCIBundle(args: ["sleep", "30"], cgroupsPath: group)
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(try runtime(["start", id]).status == 0)
        let process: [String: Any] = ["terminal": false, "user": ["uid": 0, "gid": 0], "cwd": "/",
                                      "args": ["sh", "-c", "hostname; cat /proc/1/comm; exit 4"],
                                      "env": ["PATH=/bin"]]
        try JSONSerialization.data(withJSONObject: process).write(to: URL(fileURLWithPath: bundle.directory.appending("process.json")))
        let exec = try runtime(["exec", "--process", bundle.directory.appending("process.json"), id])
        #expect(exec.status == 4 && exec.stdout == "oci-test\nsleep\n", "\(exec)")
        let direct = try runtime(["exec", id, "cat", "/proc/1/cmdline"])
        #expect(direct.status == 0 && direct.stdout == "sleep\u{0}30\u{0}", "\(direct)")
        #expect(try runtime(["delete", "--force", id]).status == 0)
        #expect(cgroupDirectories().isEmpty)
    }

    @Test("what dockyard-runtime refuses, it names: --systemd-cgroup, a bad signal, a taken id, a user namespace")
    func refusals() throws {
        let systemd = try runtime(["--systemd-cgroup", "state", id])
        #expect(systemd.status == 1 && systemd.stderr.contains("--systemd-cgroup is not supported"), "\(systemd.stderr)")
        let signal = try runtime(["kill", id, "SIGNOPE"])
        #expect(signal.status == 2 && signal.stderr.contains("unknown signal \"SIGNOPE\""), "\(signal.stderr)")
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(try create(bundle, output: output) == 1)
        #expect(read(output).contains("container with id exists: \(id)"), "\(read(output))")
        #expect(try runtime(["delete", id]).status == 0)
        bundle.edit("linux") { linux in linux["namespaces"] = [["type": "user"], ["type": "mount"]] }
        #expect(try create(bundle, output: output) == 1)
        #expect(read(output).contains("user namespace"), "\(read(output))")
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
    }
}
