import Foundation
import Testing
import TestSupport

/// The ids a container's process runs with, as busybox `id` prints them: the primary group is
/// always among the supplementary groups (as in Docker since CVE-2022-36109), and `--group-add`
/// adds more, for `exec` too.
@Suite("User and groups inside a container", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct IdentityTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "identity")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    private func id(_ flags: [String]) throws -> String {
        let result = try dockyard.run(["run", "--rm", "--network", "none"] + flags + ["busybox", "id"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("id lists the primary group first, for root, a uid, a user:group, and with --group-add")
    func identities() throws {
        #expect(try id([]) == "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n")
        #expect(try id(["-u", "65534"]) == "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n")
        #expect(try id(["-u", "nobody:nogroup"]) == "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n")
        #expect(try id(["--group-add", "1234", "--group-add", "wheel"]) == "uid=0(root) gid=0(root) groups=0(root),10(wheel),1234\n")
    }

    @Test("an unknown --group-add name is refused with Docker's message and status 125")
    func unknownGroup() throws {
        let result = try dockyard.run(["run", "--rm", "--network", "none", "--group-add", "nosuch", "busybox", "id"])
        #expect(result.status == 125)
        #expect(result.stderr.contains("Unable to find group nosuch"), "\(result.stderr)")
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty, "a refused run left a container behind")
    }

    @Test("exec sees the same groups as the container's first process, and -u keeps --group-add")
    func exec() throws {
        #expect(try dockyard.run(["run", "-d", "--name", "ids", "--network", "none", "--group-add", "1234",
                                  "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "ids"]) }
        #expect(try dockyard.run(["exec", "ids", "id"]).stdout == "uid=0(root) gid=0(root) groups=0(root),10(wheel),1234\n")
        #expect(try dockyard.run(["exec", "-u", "nobody", "ids", "id", "-G"]).stdout == "65534 1234\n")
    }
}
