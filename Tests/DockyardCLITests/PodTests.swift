import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Pods with the real kernel: containers of one pod share its network, IPC and UTS namespaces
/// (and PID with --share pid) through its infra container's pause process, each with its own
/// mount namespace; ports are the pod's; `pod rm -f` leaves nothing behind.
@Suite("pods, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"),
                "needs root, /bin/busybox and nft to run real containers on the bridge"))
struct PodTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "pod")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func pid(of name: String) throws -> Int32 {
        let text = try dockyard.run(["inspect", "-f", "{{.State.Pid}}", name]).stdout
        return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(text)")
    }

    static func inode(_ pid: Int32, _ kind: String) -> String {
        ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)")) ?? "none").filter(\.isNumber)
    }

    func create(_ arguments: [String]) throws -> String {
        let created = try dockyard.run(["pod", "create"] + arguments)
        try #require(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("two containers of a pod talk over localhost, share its network namespace, keep their own mount namespaces, and publish on the pod")
    func localhost() throws {
        let port = try LoopbackPort.free()
        let podID = try create(["--name", "shop", "-p", "127.0.0.1:\(port):8080"])
        defer { _ = try? dockyard.run(["pod", "rm", "-f", "shop"]) }
        #expect(try dockyard.run(["pod", "ls"]).stdout.contains("shop   Created"))
        let web = try dockyard.run(["run", "-d", "--pod", "shop", "--name", "shopweb", "busybox", "httpd", "-f", "-p", "8080", "-h", "/etc"])
        #expect(web.status == 0, "\(web.stderr)")
        let client = try dockyard.run(["run", "-d", "--pod", "shop", "--name", "shopclient", "busybox", "sleep", "60"])
        #expect(client.status == 0, "\(client.stderr)")
        let fetched = try dockyard.run(["exec", "shopclient", "sh", "-c",
                                        "for i in 1 2 3 4 5; do wget -qO- localhost:8080/hostname && break; sleep 0.2; done; hostname"])
        #expect(fetched.stdout == "shop\nshop\n", "the pod's host name, served over its loopback: \(fetched.stdout) \(fetched.stderr)")

        let inspected = try dockyard.run(["pod", "inspect", "shop"])
        let infraID = try #require(inspected.stdout.firstMatch(of: /"InfraContainerID" : "([0-9a-f]{64})"/)?.output.1, "\(inspected.stdout)")
        #expect(inspected.stdout.contains(#""Id" : "\#(podID)""#) && inspected.stdout.contains(#""State" : "Running""#), "\(inspected.stdout)")
        let infraRemoval = try dockyard.run(["rm", "-f", String(infraID)])
        #expect(infraRemoval.status == 1 && infraRemoval.stderr.contains("is the infra container of pod \(podID)"), "\(infraRemoval.stderr)")
        let pids = [try pid(of: "shopweb"), try pid(of: "shopclient"), try pid(of: String(infraID))]
        #expect(Set(pids.map { Self.inode($0, "net") }).count == 1, "one network namespace")
        #expect(Set(pids.map { Self.inode($0, "uts") }).count == 1 && Set(pids.map { Self.inode($0, "ipc") }).count == 1)
        #expect(Set(pids.map { Self.inode($0, "mnt") }).count == 3, "a mount namespace each")
        #expect(Set(pids.map { Self.inode($0, "pid") }).count == 3, "pid is not shared by default")

        // The pod's published port reaches its containers' server; a container cannot publish its own.
        let probe = try DockyardProcess.capture(["/bin/busybox", "wget", "-qO-", "http://127.0.0.1:\(port)/hostname"])
        #expect(probe.stdout == "shop\n", "\(probe.stderr)")
        let ported = try dockyard.run(["run", "--rm", "--pod", "shop", "-p", "9999:80", "busybox", "true"])
        #expect(ported.status == 125 && ported.stderr.contains("published or exposed ports must be defined when the pod is created"), "\(ported.stderr)")
        let named = try dockyard.run(["run", "--rm", "--pod", "shop", "-h", "other", "busybox", "true"])
        #expect(named.status == 125 && named.stderr.contains("cannot set hostname when joining the pod UTS namespace"), "\(named.stderr)")
        // Their cgroups are under the pod's.
        let cgroup = (try? String(contentsOfFile: "/proc/\(pids[0])/cgroup", encoding: .utf8)) ?? ""
        #expect(cgroup.contains("/dockyard/pod-\(podID)/"), "\(cgroup)")
    }

    @Test("with --share pid the pod's containers see each other's processes, and the pause process is pid 1 and reaps")
    func sharedPid() throws {
        _ = try create(["--name", "pidpod", "--share", "net,ipc,uts,pid"])
        defer { _ = try? dockyard.run(["pod", "rm", "-f", "pidpod"]) }
        #expect(try dockyard.run(["run", "-d", "--pod", "pidpod", "--name", "pidsleeper", "busybox", "sleep", "60"]).status == 0)
        // The orphaned `sleep 7` is re-parented to pid 1; once this container's sh is gone it is killed with it.
        let other = try dockyard.run(["run", "--rm", "--pod", "pidpod", "busybox", "sh", "-c", "ps -o pid,comm,args; cat /proc/1/cmdline | tr '\\0' ' '"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stdout.contains("sleep 60"), "the other container's process: \(other.stdout)")
        #expect(other.stdout.contains("/dev/init pause"), "\(other.stdout)")
        #expect(other.stdout.hasSuffix("/dev/init pause "), "pid 1 is the pause process: \(other.stdout)")
        // A zombie left by a container's process is reaped by the pause process.
        let zombie = try dockyard.run(["exec", "pidsleeper", "sh", "-c", "sh -c 'sleep 0.1 & exec sleep 0.3' & sleep 1; ps -o stat,comm | grep -c '^Z' || true"])
        #expect(zombie.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "no zombie left: \(zombie.stdout)")
        let bad = try dockyard.run(["pod", "create", "--share", "net,mnt"])
        #expect(bad.status != 0 && bad.stderr.contains("invalid kernel namespace to share: mnt"), "\(bad.stderr)")
    }

    @Test("pod stop, start and rm -f: nothing left behind — no process, cgroup, veth, mount or record")
    func removeLeavesNothing() throws {
        let podID = try create(["--name", "gone"])
        #expect(try dockyard.run(["run", "-d", "--pod", "gone", "--name", "goneweb", "busybox", "sleep", "60"]).status == 0)
        let stopped = try dockyard.run(["pod", "stop", "-t", "1", "gone"])
        #expect(stopped.status == 0 && stopped.stdout == podID + "\n", "\(stopped.stderr)")
        #expect(try dockyard.run(["pod", "ls"]).stdout.contains("Exited"))
        #expect(try dockyard.run(["pod", "start", "gone"]).status == 0)
        #expect(try dockyard.run(["pod", "ls"]).stdout.contains("Running"))
        let refused = try dockyard.run(["pod", "rm", "gone"])
        #expect(refused.status == 125 && refused.stderr.contains("cannot be removed without force"), "\(refused.stderr)")

        let records = try dockyard.run(["ps", "-a", "-q", "--no-trunc"]).stdout.split(separator: "\n").map(String.init)
        #expect(records.count == 2, "the infra and goneweb: \(records)")
        let pids = try records.map { try pid(of: $0) }
        let removed = try dockyard.run(["pod", "rm", "-f", "gone"])
        #expect(removed.status == 0 && removed.stdout == podID + "\n", "\(removed.stderr)")

        for pid in pids { #expect(kill(pid, 0) != 0, "process \(pid) left behind") }
        let cgroups = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup/memory/dockyard")) ?? []
        #expect(!cgroups.contains("pod-\(podID)"), "the pod's cgroup left behind")
        let links = try DockyardProcess.capture(["/usr/sbin/ip", "-o", "link"]).stdout
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        for id in records {
            // The kernel deletes the veth with the namespace, in a worker: moments later under load.
            #expect(HostInterfaces.awaitDeletion(of: "dy" + id.prefix(12)), "veth of \(id) left behind: \(links)")
            #expect(!mounts.contains(id), "a mount of \(id) left behind")
        }
        #expect(dockyard.containerDirectories.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appending("root/pods/\(podID)")))
        #expect(try dockyard.run(["pod", "ls", "-q"]).stdout.isEmpty)
        let missing = try dockyard.run(["pod", "rm", "gone"])
        #expect(missing.status == 125 && missing.stderr.contains("no pod with name or ID gone found"), "\(missing.stderr)")
    }

    @Test("from inside a pod: no host or other pod's process to see or signal, no host loopback, pid 1 unkillable, no setns or proc mount")
    func breakOut() throws {
        let port = try LoopbackPort.free()
        // A host program with a clean signal mask (BackgroundServer): it stops when the test ends.
        let server = try BackgroundServer("/bin/busybox", ["httpd", "-f", "-p", "127.0.0.1:\(port)", "-h", "/etc"],
                                          logPath: directory.appending("httpd.log"))
        defer { server.stop() }
        _ = try create(["--name", "jail", "--share", "net,ipc,uts,pid"])
        _ = try create(["--name", "neighbour"])
        defer { _ = try? dockyard.run(["pod", "rm", "-f", "jail", "neighbour"]) }
        #expect(try dockyard.run(["run", "-d", "--pod", "neighbour", "--name", "neighbourpid", "busybox", "sleep", "60"]).status == 0)
        let neighbour = try pid(of: "neighbourpid")
        var answered = false
        for _ in 0..<20 where !answered {
            answered = !(try DockyardProcess.capture(["/bin/busybox", "wget", "-qO-", "http://127.0.0.1:\(port)/hostname"]).stdout.isEmpty)
            if !answered { usleep(100_000) }
        }
        #expect(answered, "the host's own server answers on the host")
        let tries = try dockyard.run(["run", "--rm", "--pod", "jail", "busybox", "sh", "-c", """
            echo "other sleepers $(ps -o comm | grep -c sleep)"
            wget -qO- http://127.0.0.1:\(port)/hostname >/dev/null 2>&1 && echo "host loopback reached" || echo "host loopback closed"
            kill -0 \(neighbour) 2>/dev/null && echo "neighbour seen" || echo "neighbour unseen"
            kill -9 1; sleep 0.2; kill -0 1 && echo "pid 1 alive"
            nsenter -t 1 -m true 2>/dev/null && echo "setns allowed" || echo "setns refused"
            mount -t proc proc /mnt 2>/dev/null && echo "proc mounted" || echo "proc refused"
            """])
        #expect(tries.status == 0, "\(tries.stderr)")
        for expected in ["other sleepers 0", "host loopback closed", "neighbour unseen", "pid 1 alive", "setns refused", "proc refused"] {
            #expect(tries.stdout.contains(expected), "\(expected): \(tries.stdout)")
        }
        #expect(kill(neighbour, 0) == 0, "the other pod's process lives on")
    }
}
