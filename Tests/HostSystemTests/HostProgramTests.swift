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
}
