@testable import ContainerRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `stop` and `kill` wait for a container's first process to leave dockyard's setup (its exec of
/// the container's command) before they signal it, as `rm -f` does.
@Suite("A process still running dockyard's binary")
struct ProcessImageTests {
    @Test("waitUntilExeced returns once the process has exec'd another program, not before")
    func waitsForTheExec() throws {
        // A fork of this test process runs this very binary, as a container's first process runs
        // dockyard's until it execs; it execs /bin/sleep after 300 ms. Its arguments are made
        // before the fork: the child only sleeps and execs.
        let path = strdup("/bin/sleep")!, one = strdup("1")!
        defer { free(path); free(one) }
        var arguments: [UnsafeMutablePointer<CChar>?] = [path, one, nil]
        var pause = timespec(tv_sec: 0, tv_nsec: 300_000_000)
        let child = fork()
        if child == 0 {
            nanosleep(&pause, nil)
            execv(path, &arguments)
            _exit(127)
        }
        #expect(child > 0)
        defer { kill(child, SIGKILL); var status: Int32 = 0; waitpid(child, &status, 0) }
        #expect(!ProcessImage.hasLeftDockyard(pid: child))
        let started = ContinuousClock.now
        ProcessImage.waitUntilExeced(pid: child)
        #expect(ContinuousClock.now - started >= .milliseconds(250))
        #expect(ProcessImage.hasLeftDockyard(pid: child))
    }
}
