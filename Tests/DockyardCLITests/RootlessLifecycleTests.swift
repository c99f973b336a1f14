import Foundation
import Testing
import TestSupport

extension RootlessTests {
    /// Docker's verbs as the user: detached containers, exec, logs, stop, rm, named volumes,
    /// the host network, and a limit that needs a cgroup the user cannot have here.
    @Suite("containers, volumes and networks", .rootlessSession)
    struct Lifecycle {
        @Test("exec joins a running -d container: root inside is root of the user's namespace, -u 1000 is uid 1000")
        func exec() throws {
            defer { _ = try? dockyard(["rm", "-f", "box"]) }
            let started = try dockyard(["run", "-d", "--name", "box", "--network", "none", "busybox", "sleep", "60"])
            #expect(started.status == 0, "\(started.stderr)")
            let user = try Rootless.current().user
            let asRoot = try dockyard(["exec", "box", "sh", "-c", "id -u; head -1 /proc/self/uid_map"])
            #expect(asRoot.status == 0, "\(asRoot.stderr)")
            #expect(mapLines(asRoot.stdout) == ["0", "0 \(user.uid) 1"], "\(asRoot.stdout)")
            let asOther = try dockyard(["exec", "-u", "1000", "box", "id", "-u"])
            #expect(asOther.status == 0 && asOther.stdout == "1000\n", "\(asOther)")
        }

        @Test("run -d, logs, stop and rm: the record goes through exited to gone")
        func detachedLifecycle() throws {
            defer { _ = try? dockyard(["rm", "-f", "talker"]) }
            let started = try dockyard(["run", "-d", "--name", "talker", "--network", "none", "busybox", "sh", "-c",
                                        "echo hello from the user; trap 'exit 0' TERM; while true; do sleep 0.1; done"])
            #expect(started.status == 0, "\(started.stderr)")
            var logs = ""
            _ = try eventually {
                logs = try dockyard(["logs", "talker"]).stdout
                return logs.contains("hello")
            }
            #expect(logs == "hello from the user\n")

            let stopped = try dockyard(["stop", "-t", "5", "talker"])
            #expect(stopped.status == 0 && stopped.stdout == "talker\n", "\(stopped)")
            let listed = try dockyard(["ps", "-a"])
            #expect(listed.stdout.contains("Exited (0)"), "\(listed.stdout)")
            let removed = try dockyard(["rm", "talker"])
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(try dockyard(["ps", "-aq"]).stdout == "")
        }

        @Test("a named volume keeps what container uid 1000 wrote for the next container; on the host it is SUBUID-START + 999's")
        func namedVolume() throws {
            let session = try Rootless.current()
            defer { _ = try? dockyard(["volume", "rm", "-f", "notes"]) }
            let opened = try dockyard(["run", "--rm", "--network", "none", "-v", "notes:/data", "busybox", "chown", "1000", "/data"])
            #expect(opened.status == 0, "\(opened.stderr)")
            let written = try dockyard(["run", "--rm", "--network", "none", "-u", "1000", "-v", "notes:/data", "busybox",
                                        "sh", "-c", "echo kept > /data/note-by-1000"])
            #expect(written.status == 0, "\(written.stderr)")
            let read = try dockyard(["run", "--rm", "--network", "none", "-v", "notes:/data", "busybox",
                                     "sh", "-c", "cat /data/note-by-1000; stat -c %u /data/note-by-1000"])
            #expect(read.status == 0 && read.stdout == "kept\n1000\n", "\(read)")
            let onHost = owners(of: "note-by-1000", under: session.storage)
            #expect(onHost.map(\.uid) == [session.user.hostUID(ofContainerUID: 1000)], "\(onHost)")
        }

        @Test("--network host: the container is in the host's network namespace")
        func hostNetwork() throws {
            let host = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
            let result = try dockyard(["run", "--rm", "--network", "host", "busybox", "readlink", "/proc/self/ns/net"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == host + "\n")
        }

        @Test("a limit without a delegated cgroup fails with 125, says why, and leaves no container behind",
              arguments: [["-m", "64m"], ["--cpus", "0.5"], ["--pids-limit", "20"]])
        func limitWithoutCgroup(flags: [String]) throws {
            let result = try dockyard(["run", "--rm", "--network", "none"] + flags + ["busybox", "true"])
            #expect(result.status == 125, "\(result)")
            #expect(result.stderr.contains("needs a cgroup") && result.stderr.contains("delegate"), "\(result.stderr)")
            #expect(try dockyard(["ps", "-aq"]).stdout == "")
        }
    }
}
