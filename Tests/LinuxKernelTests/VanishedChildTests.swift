import Explain
import Testing
@testable import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// A container's first process killed while it is still being set up (`rm -f` of a container that
/// is starting) is reported as a process that vanished: its last report never came, and that is
/// not the failure of the stage it would have reached next.
@Suite("A child killed before it starts", .serialized, .enabled(if: geteuid() == 0, "needs root: clones a process that makes a cgroup namespace"))
struct VanishedChildTests {
    @Test("killed while it waits for the parent: LaunchError.vanished, not unshare(CLONE_NEWCGROUP)'s failure")
    func killedWhileWaiting() throws {
        signal(SIGPIPE, SIG_IGN)   // the release then writes to a pipe nobody reads
        let launch = ContainerLaunch(namespaces: [.cgroup], steps: [], rootfs: nil, hostname: nil, loopbackUp: false,
                                     argv: ["/bin/true"], environment: [], workingDirectory: "/", uid: 0, gid: 0,
                                     security: ProcessSecurity(capabilities: nil, seccomp: nil))
        do {
            // A pending SIGKILL ends the child in its wait: it never reads the go that follows.
            _ = try LiveKernel(events: DiscardingSink()).launch(launch) { pid in kill(pid, SIGKILL) }
            Issue.record("the launch of a killed child succeeded")
        } catch let error as LaunchError {
            #expect(error.stage == .vanished, "\(error)")
            #expect(error.description.hasPrefix("the container's process exited before it started"), "\(error)")
        }
    }
}
