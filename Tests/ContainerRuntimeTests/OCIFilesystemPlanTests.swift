import Foundation
import LinuxKernel
import OCI
import Testing
@testable import ContainerRuntime

/// config.json's mounts, devices and masked paths as the launch plan's filesystem steps.
struct OCIFilesystemPlanTests {
    func spec(_ json: String) throws -> RuntimeSpec {
        try JSONDecoder().decode(RuntimeSpec.self, from: Data(json.utf8))
    }

    @Test("mount options split into mount(2) flags and the filesystem's data; a bind's ro and nosuid wait for the remount")
    func mountOptions() {
        let tmpfs = OCIMountOptions(["nosuid", "strictatime", "mode=755", "size=65536k"], type: "tmpfs")
        #expect(tmpfs.flags == [.noSetuid, .strictAtime] && tmpfs.data == ["mode=755", "size=65536k"] && tmpfs.remountFlags.isEmpty)
        let bind = OCIMountOptions(["rbind", "ro", "nosuid", "rprivate"], type: "bind")
        #expect(bind.flags == [.bind, .recursive] && bind.remountFlags == [.readOnly, .noSetuid] && bind.data.isEmpty)
        #expect(OCIMountOptions(["rw"], type: "bind").isBind)
    }

    @Test("the rootfs is bound onto itself first, every mount resolved inside it, and a read-only root remounted last")
    func stepOrder() throws {
        let plan = OCIFilesystemPlan(rootfs: "/b/rootfs", bundle: "/b", spec: try spec("""
            {"ociVersion": "1.0.2", "root": {"path": "rootfs", "readonly": true},
             "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                        {"destination": "/data", "type": "bind", "source": "/tmp", "options": ["rbind", "ro"]}],
             "linux": {"devices": [{"type": "c", "path": "/dev/fuse", "major": 10, "minor": 229, "fileMode": 438}],
                       "sysctl": {"net.ipv4.ip_forward": "1"}}}
            """))
        let steps = plan.steps
        #expect(steps.first == .mount(Mount(type: "bind", source: "/b/rootfs", target: "/b/rootfs", flags: [.bind, .recursive])))
        #expect(steps.last == .remount(target: "/b/rootfs", flags: [.readOnly, .bind]))
        let inside = steps.compactMap { step -> SetupStep? in
            if case let .inRoot(root, inner) = step, root == "/b/rootfs" { return inner }
            return nil
        }
        #expect(inside.contains(.mount(Mount(type: "proc", source: "proc", target: "/proc"))))
        let bind = try #require(inside.firstIndex(of: .mount(Mount(type: "bind", source: "/tmp", target: "/data", flags: [.bind, .recursive]))))
        #expect(inside[bind + 1] == .remount(target: "/data", flags: .readOnly))
        #expect(inside.contains(.makeDevice(path: "/dev/fuse", major: 10, minor: 229, mode: 0o666)))
        #expect(inside.contains(.makeDevice(path: "/dev/null", major: 1, minor: 3, mode: 0o666)))
        #expect(inside.contains(.setSysctl(key: "net.ipv4.ip_forward", value: "1")))
    }

    @Test("masked paths the container has are hidden (a directory by an empty tmpfs, a file by /dev/null), missing ones skipped")
    func maskedPaths() throws {
        let plan = OCIFilesystemPlan(rootfs: "/nonexistent-rootfs", bundle: "/b", spec: try spec("""
            {"ociVersion": "1.0.2", "linux": {"maskedPaths": ["/proc/timer_list", "/sys/firmware", "/not-there"],
                                              "readonlyPaths": ["/proc/sys"]}}
            """))
        let steps = plan.maskSteps
        #expect(steps.contains(.mount(Mount(type: "bind", source: "/dev/null", target: "/proc/timer_list", flags: [.bind]))))
        #expect(steps.contains(.mount(Mount(type: "tmpfs", source: "tmpfs", target: "/sys/firmware", flags: .readOnly, data: "size=0"))))
        #expect(!steps.contains { "\($0)".contains("/not-there") })
        #expect(steps.contains(.remount(target: "/proc/sys", flags: [.readOnly, .noSetuid, .noDevices, .noExec])))
    }

    @Test("namespaces with a path are joined, the others made; a user namespace is refused by name")
    func namespaces() throws {
        let launch = OCILaunch(spec: try spec("""
            {"ociVersion": "1.0.2", "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"},
                {"type": "network", "path": "/proc/42/ns/net"}]}}
            """), bundle: "/b", rootfs: "/b/rootfs", seccomp: nil)
        #expect(launch.newNamespaces == [.pid, .mount])
        #expect(launch.joinedNamespaces == [JoinedNamespace(.net, path: "/proc/42/ns/net")])
        #expect(launch.unsupported() == nil)
        let user = OCILaunch(spec: try spec(#"{"ociVersion": "1.0.2", "linux": {"namespaces": [{"type": "user"}]}}"#),
                             bundle: "/b", rootfs: "/b/rootfs", seccomp: nil)
        #expect(user.unsupported()?.contains("user namespace") == true)
    }
}
