import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

extension RootlessTests {
    /// User-created networks as the user: one shared network namespace for all of them (pinned
    /// under the runtime directory in the holder's mount namespace), a bridge per network, a veth
    /// per container, pasta once for the namespace, and a forwarder per container with `-p`.
    @Suite("user networks in the shared rootless network namespace", .rootlessSession)
    struct Networks {
        @Test("containers on one network reach each other by name, another network cannot, -p answers on the host, and network rm leaves nothing")
        func namesIsolationPublishingCleanup() throws {
            let session = try Rootless.current()
            let port = try LoopbackPort.free()
            defer {
                _ = try? dockyard(["rm", "-f", "web"])
                _ = try? dockyard(["network", "rm", "front", "back"])
            }
            let created = try dockyard(["network", "create", "--explain=text", "front"])
            #expect(created.status == 0, "\(created.stderr)")
            // --explain tells the shared namespace's pin and its pasta.
            #expect(created.stderr.contains("nsfs on \(session.runtimeDirectory)/dockyard/netns/rootless-netns"), "\(created.stderr)")
            #expect(created.stderr.contains("started /usr/bin/pasta") && created.stderr.contains("--ns-ifname tap0"), "\(created.stderr)")
            #expect(created.stderr.contains("bridge     dy-"), "\(created.stderr)")
            #expect(try dockyard(["network", "create", "back"]).status == 0)

            let web = try dockyard(["run", "-d", "--network", "front", "--name", "web", "-p", "127.0.0.1:\(port):8080",
                                    "busybox", "httpd", "-f", "-p", "8080", "-h", "/etc"])
            #expect(web.status == 0, "\(web.stderr)")
            let byName = try dockyard(["run", "--rm", "--explain=text", "--network", "front", "busybox", "sh", "-c",
                                       "for i in 1 2 3 4 5; do wget -qO- http://web:8080/hostname && exit 0; sleep 0.2; done; exit 1"])
            #expect(byName.status == 0, "\(byName.stderr)")
            #expect(byName.stdout.count == 13, "web's /etc/hostname, its short id: \(byName.stdout)")
            #expect(byName.stderr.contains("veth       dy") && byName.stderr.contains("in your rootless network namespace"), "\(byName.stderr)")

            // The other network has its own subnet and bridge, and the isolation rule between them.
            let inspected = try dockyard(["network", "inspect", "front"]).stdout
            let address = try #require(inspected.split(separator: "\"").first { $0.hasPrefix("10.") && $0.contains("/") && !$0.hasSuffix(".0/24") })
            let ip = address.split(separator: "/")[0]
            let across = try dockyard(["run", "--rm", "--network", "back", "busybox", "sh", "-c",
                                       "grep -w web /etc/hosts; echo GET / | nc -w 2 \(ip) 8080 && echo REACHED"])
            #expect(!across.stdout.contains("REACHED") && !across.stdout.contains("web"), "\(across)")

            // -p: the forwarder answers on the host's 127.0.0.1, from the container on the bridge.
            var fetched = ""
            _ = try eventually {
                fetched = (try? DockyardProcess.capture(["/bin/busybox", "wget", "-qO-", "http://127.0.0.1:\(port)/hostname"]))?.stdout ?? ""
                return !fetched.isEmpty
            }
            #expect(fetched == byName.stdout, "\(fetched)")

            // After the container: its veth is gone from the shared namespace, and its forwarder.
            #expect(try dockyard(["rm", "-f", "web"]).status == 0)
            // The kernel tears a dead network namespace down on a workqueue: its veth peer leaves
            // the shared namespace a moment after the container's last process.
            var links = ""
            _ = try eventually {
                links = try Self.linksInSharedNamespace(session)
                return !links.contains("@")
            }
            #expect(links.contains("tap0") && !links.contains("@"), "no veth may be left: \(links)")
            #expect(Self.userProcessNames(session).contains("passt.avx2") || Self.userProcessNames(session).contains("pasta"))

            // After the last network: no pin in the holder's mounts, no pasta, no forwarder.
            let removed = try dockyard(["network", "rm", "front", "back"])
            #expect(removed.status == 0, "\(removed.stderr)")
            let holder = try #require(session.holderPID)
            let mounts = (try? String(contentsOfFile: "/proc/\(holder)/mountinfo", encoding: .utf8)) ?? ""
            #expect(!mounts.contains("rootless-netns"), "\(mounts)")
            #expect(!FileManager.default.fileExists(atPath: session.runtimeDirectory + "/dockyard/netns/rootless-netns"))
            let left = Self.userProcessNames(session).filter { $0 != "dockyard-holder" }
            #expect(left.isEmpty, "processes left: \(left)")
        }

        @Test("-p of a UDP port on a rootless user network is refused with the reason, before anything starts")
        func udpRefused() throws {
            defer { _ = try? dockyard(["network", "rm", "udpnet"]) }
            #expect(try dockyard(["network", "create", "udpnet"]).status == 0)
            let result = try dockyard(["run", "--rm", "--network", "udpnet", "-p", "5353:53/udp", "busybox", "true"])
            #expect(result.status == 125 && result.stderr.contains("TCP ports only"), "\(result)")
        }

        /// `ip -o link` in the shared namespace, as root: through the holder's mount namespace
        /// (where the pin is) into the pinned network namespace.
        static func linksInSharedNamespace(_ session: RootlessSession) throws -> String {
            let holder = try #require(session.holderPID)
            let pin = session.runtimeDirectory + "/dockyard/netns/rootless-netns"
            let result = try DockyardProcess.capture(["/usr/bin/nsenter", "-t", "\(holder)", "-m", "--",
                                                      "/usr/bin/nsenter", "--net=" + pin, "--", "/usr/sbin/ip", "-o", "link"])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }

        /// The names of the user's live processes (pasta shows as passt.avx2 on x86-64).
        static func userProcessNames(_ session: RootlessSession) -> [String] {
            RunningProcess.all().filter { $0.uid == session.user.uid && !$0.isZombie }.map(\.name)
        }
    }
}
