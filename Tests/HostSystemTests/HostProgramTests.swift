import HostSystem
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite("Running host programs with posix_spawn")
struct HostProgramTests {
    @Test("a program's exit code and both of its streams come back")
    func exitStatusAndCapture() throws {
        let result = try HostProgram("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]).run()
        #expect(result.exit.code == 3)
        #expect(result.outputText == "out\n")
        #expect(result.errorText == "err\n")
        #expect(!result.timedOut)
    }

    @Test("input is written whole and closed, so the program sees its end")
    func input() throws {
        let result = try HostProgram("/bin/cat", input: Array("line one\nline two\n".utf8)).run()
        #expect(result.outputText == "line one\nline two\n")
        #expect(result.waitStatus == 0)
    }

    @Test("a program that cannot be started is named in the error")
    func missingProgram() {
        #expect {
            try HostProgram("/nonexistent/dockyard-test-program").run()
        } throws: { error in
            guard let error = error as? SystemCallError else { return false }
            return error.call == "posix_spawn" && error.path == "/nonexistent/dockyard-test-program" && error.errno == ENOENT
        }
    }

    @Test("the environment, the working directory and PATH lookup are the child's alone")
    func environmentAndDirectory() throws {
        var command = HostProgram("sh", ["-c", "echo $GREETING; pwd"], environment: ["GREETING=hello", "PATH=/usr/bin:/bin"],
                                  directory: "/tmp")
        command.searchesPath = true
        let result = try command.run()
        #expect(result.outputText == "hello\n/tmp\n")
    }

    @Test("a program past its timeout is killed with its whole process group")
    func timeout() throws {
        var command = HostProgram("/bin/sh", ["-c", "sleep 30 & sleep 30"])
        command.timeout = 0.2
        let result = try command.run()
        #expect(result.timedOut)
        #expect(result.exit.signal == SIGKILL)
    }

    @Test("passed files become the program's descriptors 3, 4, … in order, whatever their numbers here")
    func passedFiles() throws {
        let first = try Pipe()
        let second = try Pipe()
        // Each end is closed exactly once: a second close of a number another test's thread has
        // just been given (tests run in parallel in one process) closes that test's pipe instead.
        defer { first.readEnd.close(); second.readEnd.close() }
        try first.writeEnd.writeAll(Array("first\n".utf8))
        try second.writeEnd.writeAll(Array("second\n".utf8))
        first.writeEnd.close()
        second.writeEnd.close()
        var command = HostProgram("/bin/sh", ["-c", "cat <&4; cat <&3"])
        // Given in the reverse order of their numbers: the copy each is dup2'd from never collides.
        command.passedFiles = [second.readEnd, first.readEnd]
        let result = try command.run()
        #expect(result.outputText == "first\nsecond\n")
    }

    @Test("a program starts with no signal blocked, even if the spawning thread blocks some")
    func signalMask() throws {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let result = try HostProgram("/bin/sh", ["-c", "grep -E '^Sig(Blk|Ign)' /proc/self/status"]).run()
        let masks = Dictionary(uniqueKeysWithValues: result.outputText.split(separator: "\n").map { line in
            (line.prefix(6), UInt64(line.split(separator: "\t").last ?? "", radix: 16) ?? .max)
        })
        #expect(masks["SigBlk"] == 0)
        // Signals 1 to 31 at their defaults (glibc keeps 32 and 33 for itself).
        #expect((masks["SigIgn"] ?? .max) & 0x7FFF_FFFF == 0)
    }
}
