import Foundation
import HostSystem
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `logs` and the json-file driver end to end: rotation on disk, `logs -f` into a pipe and a
/// file, `--since/--until`, `-n`, and `--log-driver none`.
@Suite("Container logs: rotation, following into pipes, time windows", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct LogsCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "logs")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func logDirectory(_ name: String) throws -> String {
        let id = try dockyard.run(["inspect", "-f", "{{.Id}}", name]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return dockyard.root + "/containers/" + id
    }

    static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    /// What arrives on `fd` within `seconds` (poll, never a blocking read).
    static func read(_ fd: Int32, for seconds: Double) -> String {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("max-size and max-file rotate for real: three files, the rotated ones just past 2 kB, the oldest lines dropped")
    func rotation() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "chatty"]) }
        let started = try dockyard.run(["run", "-d", "--name", "chatty", "--log-opt", "max-size=2k", "--log-opt", "max-file=3",
                                        "busybox", "sh", "-c", "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(try Polling.until { try dockyard.run(["logs", "chatty"]).stdout.hasSuffix("line 299\n") })
        let log = try logDirectory("chatty") + "/container.log"
        let sizes = [log + ".1", log + ".2"].map(Self.size)
        #expect(sizes.allSatisfy { ($0 ?? 0) >= 2000 && ($0 ?? 0) < 2100 }, "\(sizes)")
        #expect(Self.size(log + ".3") == nil && (Self.size(log) ?? 3000) < 2000)
        let lines = try dockyard.run(["logs", "chatty"]).stdout.split(separator: "\n")
        #expect(lines.count < 300 && lines.first != "line 0", "the oldest file was dropped")
        let first = try #require(lines.first.flatMap { Int($0.dropFirst(5)) })
        #expect(lines == (first..<300).map { "line \($0)"[...] }, "what is kept is whole and in order")
        // Each line of each file is Docker's json-file object.
        let entry = try #require(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(entry.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["log", "stream", "time"] && object["stream"] == "stdout")
        #expect(try dockyard.run(["inspect", "-f", "{{json .HostConfig.LogConfig}}", "chatty"]).stdout
            == #"{"Config":{"max-file":"3","max-size":"2k"},"Type":"json-file"}"# + "\n")
    }

    /// `sh -c SCRIPT` with `$0` dockyard and `$1…` the arguments, in a process group of its own
    /// and with no signal blocked (Foundation's Process hands on the test runner's blocked
    /// signals, and a SIGINT would never arrive); its stdout a pipe whose read end is returned.
    func shell(_ script: String, _ arguments: [String] = []) throws -> (pid: pid_t, output: HostSystem.FileDescriptor) {
        var program = HostProgram("/bin/sh", ["-c", script, DockyardProcess.executable] + arguments,
                                  environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
                                    + ["DOCKYARD_ROOT=\(dockyard.root)"])
        program.timeout = 60   // only for the process group of its own
        let pipe = try HostSystem.Pipe()
        let pid = try program.spawn(stdin: nil, stdout: pipe.writeEnd, stderr: pipe.writeEnd)
        pipe.writeEnd.close()
        return (pid, pipe.readEnd)
    }

    @Test("logs -f | cat shows each line as the container writes it, not when logs exits")
    func followIntoPipe() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "ticker"]) }
        #expect(try dockyard.run(["run", "-d", "--name", "ticker", "busybox", "sh", "-c",
                                  "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done"]).status == 0)
        let pipeline = try shell(#""$0" logs -f ticker | cat"#)
        defer {
            kill(-pipeline.pid, SIGKILL)
            _ = try? ExitStatus.waitStatus(of: pipeline.pid)
            pipeline.output.close()
        }
        let early = Self.read(pipeline.output.rawValue, for: 1.5)
        #expect(early.hasPrefix("tick 0\ntick 1\n"), "lines reach the pipe while logs -f still runs: \(early.debugDescription)")
        let later = Self.read(pipeline.output.rawValue, for: 1.0)
        #expect(later.contains("tick"), "and keep coming: \(later.debugDescription)")
    }

    @Test("logs -f into a file, stopped with SIGINT, has kept every line it had read; a closed pipe ends it")
    func followInterrupted() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "counter"]) }
        #expect(try dockyard.run(["run", "-d", "--name", "counter", "busybox", "sh", "-c",
                                  "i=0; while [ $i -lt 20 ]; do echo n $i; i=$((i+1)); done; sleep 60"]).status == 0)
        #expect(try Polling.until { try dockyard.run(["logs", "counter"]).stdout.hasSuffix("n 19\n") })
        let file = directory.appending("followed.txt")
        let follower = try shell(#"exec "$0" logs -f counter > "$1""#, [file])
        defer { follower.output.close() }
        usleep(800_000)
        kill(follower.pid, SIGINT)
        let status = try ExitStatus.waitStatus(of: follower.pid)
        #expect(ExitStatus(waitStatus: status).signal == SIGINT)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (0..<20).map { "n \($0)\n" }.joined())
        // `logs -f | head -1`: once head has gone, logs ends too instead of following for ever.
        let head = try shell(#""$0" logs -f counter | head -n 1; echo head-done"#)
        defer { kill(-head.pid, SIGKILL); head.output.close() }
        let start = Date()
        let headStatus = try ExitStatus.waitStatus(of: head.pid)
        #expect(headStatus == 0 && Date().timeIntervalSince(start) < 10)
        #expect(Self.read(head.output.rawValue, for: 0.2) == "n 0\nhead-done\n")
    }

    @Test("--since and --until keep the lines between, in Docker's time forms; -n keeps the last ones")
    func timeWindow() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "phases"]) }
        #expect(try dockyard.run(["run", "-d", "--name", "phases", "busybox", "sh", "-c",
                                  "echo early; sleep 1.5; echo middle; sleep 1.5; echo late; sleep 60"]).status == 0)
        #expect(try Polling.until { try dockyard.run(["logs", "phases"]).stdout.hasSuffix("late\n") })
        let stamped = try dockyard.run(["logs", "-t", "phases"]).stdout.split(separator: "\n")
        #expect(stamped.count == 3)
        let times = stamped.map { String($0.prefix { $0 != " " }) }
        // Between the first and the last line's time: only the middle one.
        let middle = try dockyard.run(["logs", "--since", times[1], "--until", times[1], "phases"])
        #expect(middle.stdout == "middle\n", "\(middle.stderr)")
        #expect(try dockyard.run(["logs", "--since", times[1], "phases"]).stdout == "middle\nlate\n")
        #expect(try dockyard.run(["logs", "--until", times[1], "phases"]).stdout == "early\nmiddle\n")
        // Relative: the last second holds only "late" (written ~0 s ago, "middle" 1.5 s before it).
        #expect(try dockyard.run(["logs", "--since", "1s", "phases"]).stdout == "late\n")
        #expect(try dockyard.run(["logs", "--until", "1h", "phases"]).stdout == "")
        // Unix seconds: the second before the first line keeps them all.
        let unix = try #require(Int(Date().timeIntervalSince1970)) - 60
        #expect(try dockyard.run(["logs", "--since", String(unix), "phases"]).stdout == "early\nmiddle\nlate\n")
        #expect(try dockyard.run(["logs", "-n", "1", "phases"]).stdout == "late\n")
        let bad = try dockyard.run(["logs", "--since", "yesterday", "phases"])
        #expect(bad.status == 1 && bad.stderr == #"invalid value for "since": failed to parse value as time or duration: "yesterday""# + "\n")
    }

    @Test("--log-driver none keeps nothing, and logs says so as Docker does")
    func noneDriver() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "silent"]) }
        #expect(try dockyard.run(["run", "-d", "--name", "silent", "--log-driver", "none", "busybox", "sh", "-c", "echo hi; sleep 60"]).status == 0)
        let logs = try dockyard.run(["logs", "silent"])
        #expect(logs.status == 1 && logs.stderr == "Error response from daemon: configured logging driver does not support reading\n")
        #expect(!FileManager.default.fileExists(atPath: try logDirectory("silent") + "/container.log"))
        let refused = try dockyard.run(["run", "--rm", "--log-driver", "syslog", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains("logger: no log driver named 'syslog' is registered"))
    }
}
