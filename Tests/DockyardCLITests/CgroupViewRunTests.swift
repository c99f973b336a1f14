import Foundation
import Testing
import TestSupport

/// The container's own cgroup at /sys/fs/cgroup, on this cgroup v1 machine: its limits readable,
/// nothing writable, no sibling in sight.
@Suite("The container's cgroup seen from inside", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct CgroupViewRunTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "cgview")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    static var isVersion1: Bool { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/memory.limit_in_bytes") }

    @Test("-m 64m reads 67108864 inside, from the container's own memory cgroup", .enabled(if: isVersion1, "cgroup v1 host"))
    func ownLimit() throws {
        let result = try dockyard.run(["run", "--rm", "-m", "64m", "busybox", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes"])
        #expect(result.status == 0 && result.stdout == "67108864\n", "\(result.stderr)")
        let pids = try dockyard.run(["run", "--rm", "--pids-limit", "42", "busybox", "cat", "/sys/fs/cgroup/pids/pids.max"])
        #expect(pids.stdout == "42\n", "\(pids.stderr)")
    }

    @Test("nothing there is writable: no limit change, no new cgroup, no file, no remount, no cgroupfs mount of its own")
    func readOnly() throws {
        let script = """
            echo 1 > /sys/fs/cgroup/memory/memory.limit_in_bytes || echo refused-limit
            mkdir /sys/fs/cgroup/memory/child || echo refused-mkdir
            touch /sys/fs/cgroup/file || echo refused-touch
            mount -o remount,rw /sys/fs/cgroup/memory 2>/dev/null || echo refused-remount
            mkdir -p /tmp/cg && mount -t cgroup -o memory cgroup /tmp/cg 2>/dev/null || echo refused-mount
            cat /sys/fs/cgroup/memory/memory.limit_in_bytes
            """
        let result = try dockyard.run(["run", "--rm", "-m", "64m", "busybox", "sh", "-c", script])
        #expect(result.stdout == "refused-limit\nrefused-mkdir\nrefused-touch\nrefused-remount\nrefused-mount\n67108864\n",
                "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("Read-only file system"))
    }

    @Test("only its own cgroup is there: the controllers' directories, no host tree, no sibling container", .enabled(if: isVersion1, "cgroup v1 host"))
    func noSiblings() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "neighbour"]) }
        let neighbour = try dockyard.run(["run", "-d", "--name", "neighbour", "busybox", "sleep", "60"]).stdout
        #expect(neighbour.count > 12)
        let script = "ls /sys/fs/cgroup; ls -a /sys/fs/cgroup/memory/.. | wc -l; find /sys/fs/cgroup -type d | wc -l; grep -rl \(neighbour.prefix(12)) /sys/fs/cgroup 2>/dev/null | wc -l"
        for network in ["none", "host"] {
            let result = try dockyard.run(["run", "--rm", "--network", network, "busybox", "sh", "-c", script])
            let lines = result.stdout.split(separator: "\n")
            #expect(Set(lines.prefix { !$0.allSatisfy(\.isNumber) }).isSubset(of: ["cpu", "cpuacct", "devices", "freezer", "memory", "pids"]),
                    "\(network): \(result.stdout)")
            // . and .., and one directory per controller; each controller's directory has no child.
            let controllers = lines.prefix { !$0.allSatisfy(\.isNumber) }.count
            #expect(lines.suffix(3) == ["\(controllers + 2)", "\(controllers + 1)", "0"], "\(network): \(result.stdout)")
        }
    }

    @Test("--explain shows the tmpfs, each bind of the container's own directory and the read-only remount",
          .enabled(if: isVersion1, "cgroup v1 host"))
    func explained() throws {
        let result = try dockyard.run(["run", "--rm", "--explain", "busybox", "true"])
        #expect(result.stderr.contains("tmpfs on <rootfs>/sys/fs/cgroup"), "\(result.stderr)")
        #expect(result.stderr.range(of: #"bind on <rootfs>/sys/fs/cgroup/memory from /sys/fs/cgroup/memory/dockyard/[0-9a-f]{12}"#,
                                    options: .regularExpression) != nil)
        #expect(result.stderr.contains("remount on <rootfs>/sys/fs/cgroup (rro"))
    }

    @Test("--cgroupns private (the default) makes the container's cgroup its root; host shows the host's path; both show the same view")
    func cgroupNamespace() throws {
        let script = "grep memory /proc/self/cgroup; cat /sys/fs/cgroup/memory/memory.limit_in_bytes"
        let own = try dockyard.run(["run", "--rm", "-m", "64m", "busybox", "sh", "-c", script])
        #expect(own.stdout.hasSuffix(":memory:/\n67108864\n"), "\(own.stdout)\(own.stderr)")
        let host = try dockyard.run(["run", "--rm", "-m", "64m", "--cgroupns", "host", "--name", "hostns", "busybox", "sh", "-c", script])
        #expect(host.stdout.range(of: #":memory:/dockyard/[0-9a-f]{64}\n67108864\n$"#, options: .regularExpression) != nil,
                "\(host.stdout)\(host.stderr)")
        let refused = try dockyard.run(["run", "--rm", "--cgroupns", "shared", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains(#"invalid argument "shared" for "--cgroupns" flag"#))
        defer { _ = try? dockyard.run(["rm", "-f", "kept"]) }
        _ = try dockyard.run(["run", "--cgroupns", "host", "--name", "kept", "busybox", "true"])
        #expect(try dockyard.run(["inspect", "-f", "{{.HostConfig.CgroupnsMode}}", "kept"]).stdout == "host\n")
    }

    @Test("--privileged sees its cgroup writable, as in Docker; cgroups it made inside its own go with it")
    func privilegedChildren() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "nested"]) }
        let made = try dockyard.run(["run", "--privileged", "--name", "nested", "busybox", "sh", "-c",
                                     "mkdir -p /sys/fs/cgroup/memory/a/b /sys/fs/cgroup/pids/c && echo made"])
        #expect(made.stdout == "made\n", "\(made.stderr)")
        let paths = try dockyard.run(["inspect", "-f", "{{json .Dockyard.CgroupPaths}}", "nested"]).stdout
        let directories = try #require(try JSONSerialization.jsonObject(with: Data(paths.utf8)) as? [String])
        #expect(directories.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "left behind: \(directories)")
    }
}
