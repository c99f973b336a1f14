import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A `run --rm` killed after it created its container and before the container started: nobody
/// will ever start that container, and `--rm` asked for it to go, so the next command's janitor
/// removes it (ContainerJanitor, CreatingRun). A `create --rm` container is Docker's legitimate
/// way to start one later, and stays.
@Suite("run --rm killed before its container starts", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct KilledRunTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "killed-run")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    var containersLeft: [String] { dockyard.containerDirectories }

    /// `ps -a` (which sweeps first) as `NAME STATUS` lines.
    func listed() throws -> String {
        try dockyard.run(["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).stdout
    }

    @Test("a run --rm SIGKILLed while its start waits is listed as created while it lives, and gone after the next command")
    func killedWhileStarting() throws {
        let suffix = UInt16.random(in: 1000...65000)
        let (network, name) = ("dyheld-\(suffix)", "killed-\(suffix)")
        let created = try dockyard.run(["network", "create", network])
        #expect(created.status == 0, "\(created.stderr)")
        defer { _ = try? dockyard.run(["network", "rm", network]) }
        // Holding the network's address pool lock stops the run inside its start, after create:
        // it waits for its container's address.
        let bridge = "dy-" + created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).prefix(12)
        let pool = open("/run/dockyard/ipam/\(bridge).json.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(pool >= 0 && flock(pool, LOCK_EX) == 0, "cannot lock the pool of \(bridge)")
        defer { close(pool) }

        let run = try dockyard.start(["run", "--rm", "--name", name, "--network", network, "busybox", "true"])
        #expect(try Polling.until(seconds: 20) { try listed().contains("\(name) Created") }, "the run did not create its container")
        #expect(try listed().contains("\(name) Created"), "the janitor left the container of a living run alone")
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        flock(pool, LOCK_UN)

        #expect(try !listed().contains(name), "the killed run's container is still listed")
        #expect(containersLeft.isEmpty, "\(containersLeft)")
    }

    @Test("a create --rm container is kept by the janitor until start runs it, and then removed")
    func createdForLater() throws {
        let name = "later-\(UInt16.random(in: 1000...65000))"
        #expect(try dockyard.run(["create", "--rm", "--network", "none", "--name", name, "busybox", "true"]).status == 0)
        #expect(try listed().contains("\(name) Created"))
        #expect(try listed().contains("\(name) Created"), "a second sweep kept it too")
        let started = try dockyard.run(["start", "-a", name])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(try Polling.until(seconds: 5) { try !listed().contains(name) }, "--rm removed it after its run")
    }
}
