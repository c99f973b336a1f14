import Foundation
import Testing
import TestSupport

extension RootlessTests {
    /// The fixture's own promise: ending a session stops the holder, and then no process of the
    /// user, no process in its user namespace, no mount and no file of the session is left; and a
    /// container left running is reported, not missed. Each test makes its own session.
    @Suite("ending a session leaves nothing behind")
    struct Cleanup {
        @Test("after rm, finish() stops the holder and finds no process, mount or file left")
        func cleanSession() throws {
            let session = try RootlessSession(user: try #require(RootlessUser.lookup()))
            let started = try session.run(["run", "-d", "--name", "lingering", "--network", "none", "busybox", "sleep", "60"])
            #expect(started.status == 0, "\(started.stderr)")
            let holder = try #require(session.holderPID, "the first command made a holder")
            #expect(try eventually { session.processesInNamespace().contains { $0.name == "sleep" } },
                    "the container's process is found in the session's user namespace")
            #expect(try session.run(["rm", "-f", "lingering"]).status == 0)

            #expect(session.finish() == [])
            #expect(RunningProcess.live(holder) == nil, "the holder has exited")
            #expect(!FileManager.default.fileExists(atPath: session.workspace))
        }

        @Test("a container left running is reported by finish(), which still removes it and the holder")
        func leftRunning() throws {
            let session = try RootlessSession(user: try #require(RootlessUser.lookup()))
            let started = try session.run(["run", "-d", "--name", "forgotten", "--network", "none", "busybox", "sleep", "60"])
            #expect(started.status == 0, "\(started.stderr)")
            let leaks = session.finish()
            #expect(leaks.count == 1 && leaks.allSatisfy { $0.hasPrefix("containers still recorded:") }, "\(leaks)")
            #expect(RunningProcess.all().allSatisfy { $0.isZombie || $0.uid != session.user.uid }, "no process of the user is left")
        }
    }
}
