import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `kube play`, `kube down` and `kube generate` with the real kernel: a Pod manifest becomes a
/// running pod whose containers talk over localhost, with its init container, emptyDir, memory
/// limit, user and host port as the manifest says; `kube down` leaves nothing behind.
@Suite("kube play, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft"),
                "needs root, /bin/busybox and nft to run real containers on the bridge"))
struct KubePlayTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "kube")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    static func manifest(port: UInt16) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: shop
          labels: {app: shop}
        spec:
          restartPolicy: Never
          volumes:
          - name: www
            emptyDir: {}
          initContainers:
          - name: fill
            image: busybox
            command: ["sh", "-c", "echo made by init > /www/index.html"]
            volumeMounts: [{name: www, mountPath: /www}]
          containers:
          - name: web
            image: busybox
            command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
            volumeMounts: [{name: www, mountPath: /www, readOnly: true}]
            ports: [{containerPort: 8080, hostPort: \(port), hostIP: 127.0.0.1}]
            resources:
              limits: {memory: 48Mi, cpu: 250m}
          - name: client
            image: busybox
            command: ["sleep", "120"]
            securityContext: {runAsUser: 1234, runAsGroup: 2345}
        """
    }

    func pid(of name: String) throws -> Int32 {
        let text = try dockyard.run(["inspect", "-f", "{{.State.Pid}}", name]).stdout
        return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(text)")
    }

    @Test("a two-container pod from a manifest: init container, emptyDir, localhost, memory limit, runAsUser, hostPort; kube down leaves nothing")
    func playAndDown() throws {
        let port = try LoopbackPort.free()
        let file = directory.appending("pod.yaml")
        try Self.manifest(port: port).write(toFile: file, atomically: true, encoding: .utf8)
        let played = try dockyard.run(["kube", "play", file])
        #expect(played.status == 0, "\(played.stderr)")
        defer { _ = try? dockyard.run(["kube", "down", file]) }
        let lines = played.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 9 && lines[0] == "Volumes:" && lines[1] == "shop-www" && lines[2] == "Pod:" && lines[4] == "Containers:",
                "podman's shape: \(played.stdout)")
        let podID = lines.count > 3 ? lines[3] : ""

        // The client reaches the web container over the pod's loopback, and reads what the init container wrote.
        let fetched = try dockyard.run(["exec", "shop-client", "sh", "-c",
                                        "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- localhost:8080/ && exit; sleep 0.2; done; exit 1"])
        #expect(fetched.stdout == "made by init\n", "\(fetched.stderr)")
        #expect(try dockyard.run(["exec", "shop-client", "id", "-u"]).stdout == "1234\n")
        #expect(try dockyard.run(["exec", "shop-client", "id", "-g"]).stdout == "2345\n")
        let webPid = try pid(of: "shop-web")
        let cgroup = (try? String(contentsOfFile: "/proc/\(webPid)/cgroup", encoding: .utf8)) ?? ""
        let memoryPath = try #require(cgroup.split(separator: "\n").first { $0.contains(":memory:") }?.split(separator: ":").last, "\(cgroup)")
        let limit = try String(contentsOfFile: "/sys/fs/cgroup/memory\(memoryPath)/memory.limit_in_bytes", encoding: .utf8)
        #expect(limit == "50331648\n", "48Mi")
        #expect(cgroup.contains("/dockyard/pod-\(podID)/"), "under the pod's cgroup: \(cgroup)")
        let probe = try DockyardProcess.capture(["/bin/busybox", "wget", "-qO-", "http://127.0.0.1:\(port)/"])
        #expect(probe.stdout == "made by init\n", "the hostPort, from the host: \(probe.stderr)")
        let written = try dockyard.run(["exec", "shop-web", "sh", "-c", "echo x > /www/index.html"])
        #expect(written.status != 0, "readOnly: true")
        // The init container ran once and is gone; the two containers and the infra remain.
        let names = try dockyard.run(["ps", "-a", "--format", "{{.Names}}"]).stdout
        #expect(!names.contains("shop-fill") && names.contains("shop-web") && names.contains("shop-client"), "\(names)")

        // Played twice: refused, and the first play's pod and emptyDir are left as they were.
        let again = try dockyard.run(["kube", "play", file])
        #expect(again.status == 125 && again.stderr.contains("volume shop-www already exists"), "\(again.stderr)")
        #expect(try dockyard.run(["exec", "shop-client", "wget", "-qO-", "localhost:8080/"]).stdout == "made by init\n")

        let records = try dockyard.run(["ps", "-a", "-q", "--no-trunc"]).stdout.split(separator: "\n").map(String.init)
        let pids = try records.map { try pid(of: $0) }
        let down = try dockyard.run(["kube", "down", file])
        #expect(down.status == 0 && down.stdout == "Pods stopped:\n\(podID)\nPods removed:\n\(podID)\n", "\(down.stdout) \(down.stderr)")
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
        #expect(!mounts.contains(directory.path), "a mount under the test's root left behind")
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
        #expect(try dockyard.run(["pod", "ls", "-q"]).stdout.isEmpty)
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout.isEmpty, "the emptyDir volume is removed")
    }

    @Test("kube generate writes a v1 Pod that kube play accepts again, making the same pod")
    func generateRoundTrip() throws {
        let port = try LoopbackPort.free()
        let played = try dockyard.run(["kube", "play", "-"], input: Self.manifest(port: port))
        #expect(played.status == 0, "\(played.stderr)")
        let generated = try dockyard.run(["kube", "generate", "shop"])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("kind: Pod") && generated.stdout.contains("name: web") && generated.stdout.contains("runAsUser: 1234"),
                "\(generated.stdout)")
        #expect(try dockyard.run(["kube", "down", "-"], input: Self.manifest(port: port)).status == 0)

        let again = try dockyard.run(["kube", "play", "-"], input: generated.stdout)
        #expect(again.status == 0, "\(again.stderr)\n\(generated.stdout)")
        defer { _ = try? dockyard.run(["kube", "down", "-"], input: generated.stdout) }
        let fetched = try DockyardProcess.capture(["/bin/sh", "-c",
            "for i in 1 2 3 4 5 6 7 8 9 10; do /bin/busybox wget -qO- http://127.0.0.1:\(port)/ && exit; sleep 0.2; done; exit 1"])
        #expect(fetched.stdout == "", "the generated pod has no init container: its emptyDir starts empty (\(fetched.stdout))")
        #expect(try dockyard.run(["exec", "shop-client", "id", "-u"]).stdout == "1234\n")
        #expect(try dockyard.run(["inspect", "-f", "{{.HostConfig.Memory}}", "shop-web"]).stdout == "50331648\n")
    }

    @Test("refusals exit 125 naming the field, and a failing init container or root user under runAsNonRoot leaves nothing behind")
    func refusals() throws {
        let probe = Self.manifest(port: 18080 as UInt16).replacingOccurrences(of: "    command: [\"sleep\", \"120\"]",
                                                                     with: "    command: [\"sleep\", \"120\"]\n    livenessProbe: {exec: {command: [\"true\"]}}")
        let refused = try dockyard.run(["kube", "play", "-"], input: probe)
        #expect(refused.status == 125 && refused.stderr.contains("spec.containers[1].livenessProbe: not supported"), "\(refused.stderr)")

        let failing = Self.manifest(port: try LoopbackPort.free()).replacingOccurrences(of: "echo made by init > /www/index.html", with: "exit 3")
        let failed = try dockyard.run(["kube", "play", "-"], input: failing)
        #expect(failed.status == 125 && failed.stderr.contains("init container shop-fill failed: it exited with status 3"), "\(failed.stderr)")
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
        #expect(try dockyard.run(["pod", "ls", "-q"]).stdout.isEmpty)
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout.isEmpty)

        let root = "apiVersion: v1\nkind: Pod\nmetadata: {name: rooty}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: c, image: busybox, command: [sleep, \"5\"]}\n"
        let nonRoot = try dockyard.run(["kube", "play", "-"], input: root)
        #expect(nonRoot.status == 125 && nonRoot.stderr.contains("container has runAsNonRoot and image will run as root"), "\(nonRoot.stderr)")
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
        #expect(try dockyard.run(["pod", "ls", "-q"]).stdout.isEmpty)
    }

    @Test("from inside a played container: a read-only hostPath, a read-only root, no capabilities and no_new_privs hold")
    func breakOut() throws {
        let shared = directory.appending("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try "host data\n".write(toFile: shared + "/data", atomically: true, encoding: .utf8)
        let manifest = """
        apiVersion: v1
        kind: Pod
        metadata: {name: jail}
        spec:
          restartPolicy: Never
          volumes:
          - name: host
            hostPath: {path: \(shared), type: Directory}
          containers:
          - name: c
            image: busybox
            command: [sleep, "120"]
            volumeMounts: [{name: host, mountPath: /host, readOnly: true}]
            securityContext:
              runAsUser: 1000
              readOnlyRootFilesystem: true
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
        """
        let played = try dockyard.run(["kube", "play", "-"], input: manifest)
        #expect(played.status == 0, "\(played.stderr)")
        defer { _ = try? dockyard.run(["kube", "down", "-"], input: manifest) }
        let script = """
        cat /host/data
        echo x > /host/data 2>/dev/null && echo "host written" || echo "host refused"
        ln -s / /host/escape 2>/dev/null && echo "symlink made" || echo "symlink refused"
        mount -o remount,rw /host 2>/dev/null && echo "remounted" || echo "remount refused"
        touch /rootfs-file 2>/dev/null && echo "root written" || echo "root refused"
        grep -E '^(NoNewPrivs|CapEff)' /proc/self/status
        """
        let inside = try dockyard.run(["exec", "jail-c", "sh", "-c", script])
        #expect(inside.stdout == """
        host data
        host refused
        symlink refused
        remount refused
        root refused
        CapEff:\t0000000000000000
        NoNewPrivs:\t1

        """, "\(inside.stdout) \(inside.stderr)")
        #expect(try String(contentsOfFile: shared + "/data", encoding: .utf8) == "host data\n")
    }
}
