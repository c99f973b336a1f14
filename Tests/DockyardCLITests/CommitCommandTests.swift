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

    @Test("commit -c/-m/-a apply Docker's config changes, message and author; a running container is frozen meanwhile")
    func commitChanges() throws {
        #expect(try dockyard.run(["run", "-d", "--name", "live", "--network", "none", "busybox", "sh", "-c",
                                  "echo data > /f; exec sleep 100"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "live"]) }
        for _ in 0..<100 where try dockyard.run(["exec", "live", "test", "-e", "/f"]).status != 0 { usleep(20_000) }
        let committed = try dockyard.run(["commit", "-c", "CMD [\"cat\", \"/f\"]", "-c", "ENV GREETING=hi", "-c", "WORKDIR /srv",
                                          "--change=EXPOSE 80", "-c", "LABEL team=blue", "-m", "with data", "-a", "Jane <jane@example.com>",
                                          "live", "changed:v1"])
        #expect(committed.status == 0, "\(committed.stderr)")
        #expect(try dockyard.run(["run", "--rm", "changed:v1"]).stdout == "data\n")
        #expect(try dockyard.run(["run", "--rm", "changed:v1", "sh", "-c", "echo $GREETING; pwd"]).stdout == "hi\n/srv\n")
        let shown = try dockyard.run(["inspect", "-f", "{{.Author}}|{{.Config.Labels.team}}|{{json .Config.ExposedPorts}}", "changed:v1"])
        #expect(shown.stdout == "Jane <jane@example.com>|blue|{\"80/tcp\":{}}\n", "\(shown.stderr)")
        #expect(try dockyard.run(["history", "changed:v1"]).stdout.contains("with data"))
        // Still running, and thawed again after the commit.
        #expect(try dockyard.run(["inspect", "-f", "{{.State.Status}}", "live"]).stdout == "running\n")

        // Only config instructions are changes; a refused one makes no image.
        let refused = try dockyard.run(["commit", "-c", "RUN rm -rf /", "live", "refused:v1"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Error response from daemon: run is not a valid change command\n")
        #expect(try dockyard.run(["images", "-q", "refused"]).stdout.isEmpty)
    }

    @Test("import -c and -m set the new image's config and history comment")
    func importChanges() throws {
        #expect(try dockyard.run(["run", "--name", "src", "--network", "none", "busybox", "true"]).status == 0)
        let tarball = directory.appending("rootfs.tar")
        #expect(try dockyard.run(["export", "-o", tarball, "src"]).status == 0)
        let imported = try dockyard.run(["import", "-c", "CMD [\"echo\", \"imported\"]", "-m", "from a tarball", tarball, "plain:v1"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try dockyard.run(["run", "--rm", "plain:v1"]).stdout == "imported\n")
        #expect(try dockyard.run(["history", "plain:v1"]).stdout.contains("from a tarball"))
        #expect(try dockyard.run(["import", "-c", "COPY a b", tarball, "bad:v1"]).stderr.contains("copy is not a valid change command"))
    }
}
