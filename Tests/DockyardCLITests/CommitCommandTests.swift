import Foundation
import Testing
import TestSupport

/// A container's writable layer as data: diff lists it, commit makes it a layer of a new image.
@Suite("diff and commit, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct CommitCommandTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "commit")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("diff shows A/C/D without the runtime's mount points; a user added inside and committed makes -u bob work")
    func diffCommitAndUser() throws {
        let made = try dockyard.run(["run", "--name", "c1", "--network", "none", "busybox", "sh", "-c",
                                     // Debian's busybox-static has no adduser applet: write what adduser would.
                                     "echo bob:x:1001:1001::/home/bob:/bin/sh >> /etc/passwd && echo bob:x:1001: >> /etc/group && mkdir -p /home/bob && echo hi > /greeting && rm /bin/vi"])
        #expect(made.status == 0, "\(made.stderr)")
        let diff = try dockyard.run(["diff", "c1"]).stdout.split(separator: "\n").map(String.init)
        #expect(diff.contains("A /greeting"), "\(diff)")
        #expect(diff.contains("C /etc/passwd") && diff.contains("D /bin/vi"), "\(diff)")
        #expect(!diff.contains("A /etc/hosts") && !diff.contains("A /proc"), "\(diff)")

        let committed = try dockyard.run(["commit", "c1", "withbob:v1"])
        #expect(committed.status == 0, "\(committed.stderr)")
        #expect(committed.stdout.hasPrefix("sha256:"))
        let run = try dockyard.run(["run", "--rm", "--network", "none", "-u", "bob", "withbob:v1", "sh", "-c",
                                    "id -un; cat /greeting; test -e /bin/vi || echo no vi"])
        #expect(run.stdout == "bob\nhi\nno vi\n", "\(run.stderr)")
    }
}
