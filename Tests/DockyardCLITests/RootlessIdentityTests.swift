import Foundation
import Testing
import TestSupport

extension RootlessTests {
    /// Who a rootless container's processes and files are, inside and on the host, and what
    /// container root still cannot do to the host.
    @Suite("ids inside and on the host", .rootlessSession)
    struct Identity {
        @Test("inside, uid_map is `0 UID 1` and `1 SUBUID-START COUNT`, and id -u is 0")
        func uidMap() throws {
            let user = try Rootless.current().user
            let result = try dockyard(["run", "--rm", "--network", "none", "busybox", "sh", "-c", "cat /proc/self/uid_map; id -u"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(mapLines(result.stdout) == ["0 \(user.uid) 1", "1 \(user.subordinateStart) \(user.subordinateCount)", "0"],
                    "\(result.stdout)")
        }

        @Test("on the host, container root runs as the user's uid and container uid 1000 as SUBUID-START + 999")
        func hostUIDs() throws {
            let session = try Rootless.current()
            let user = session.user
            defer { _ = try? dockyard(["rm", "-f", "sleeper", "sleeper-1000"]) }
            let root = try dockyard(["run", "-d", "--name", "sleeper", "--network", "none", "busybox", "sleep", "30"])
            #expect(root.status == 0, "\(root.stderr)")
            let other = try dockyard(["run", "-d", "--name", "sleeper-1000", "-u", "1000", "--network", "none", "busybox", "sleep", "30"])
            #expect(other.status == 0, "\(other.stderr)")

            let wanted: Set<UInt32> = [user.hostUID(ofContainerUID: 0), user.hostUID(ofContainerUID: 1000)]
            var seen: Set<UInt32> = []
            _ = eventually {
                seen = Set(session.processesInNamespace().filter { $0.name == "sleep" }.map(\.uid))
                return seen == wanted
            }
            #expect(seen == wanted, "host uids of the two sleep processes")
        }

        @Test("container root cannot append to a root-owned 0644 host file bind-mounted in; it shows as nobody's")
        func rootOwnedBind() throws {
            let session = try Rootless.current()
            let directory = session.workspace + "/root-owned"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            let file = directory + "/config"
            try "host root's line\n".write(toFile: file, atomically: false, encoding: .utf8)
            chmod(file, 0o644)

            let result = try dockyard(["run", "--rm", "--network", "none", "-v", file + ":/config", "busybox", "sh", "-c",
                                       "stat -c %u /config; cat /config; echo container >> /config"])
            #expect(result.status != 0, "the append must fail: \(result)")
            #expect(result.stdout == "65534\nhost root's line\n", "host root is the overflow uid inside: \(result.stdout)")
            #expect(result.stderr.contains("Permission denied"), "\(result.stderr)")
            #expect(try TestFiles.readText(file) == "host root's line\n")
        }

        @Test("a file that container uid 1000 makes in the writable layer belongs to SUBUID-START + 999 on the host")
        func writableLayerOwner() throws {
            let session = try Rootless.current()
            defer { _ = try? dockyard(["rm", "-f", "writer-1000", "writer-root"]) }
            let made = try dockyard(["run", "--name", "writer-1000", "-u", "1000", "--network", "none", "busybox", "touch", "/tmp/by-uid-1000"])
            #expect(made.status == 0, "\(made.stderr)")
            let madeByRoot = try dockyard(["run", "--name", "writer-root", "--network", "none", "busybox", "touch", "/tmp/by-root"])
            #expect(madeByRoot.status == 0, "\(madeByRoot.stderr)")

            let containers = session.storage + "/containers"
            let byUser = owners(of: "by-uid-1000", under: containers)
            #expect(byUser.count == 1 && byUser.allSatisfy { $0.path.contains("/upper/") }, "\(byUser)")
            #expect(byUser.map(\.uid) == [session.user.hostUID(ofContainerUID: 1000)], "\(byUser)")
            #expect(owners(of: "by-root", under: containers).map(\.uid) == [session.user.uid])
        }
    }
}
