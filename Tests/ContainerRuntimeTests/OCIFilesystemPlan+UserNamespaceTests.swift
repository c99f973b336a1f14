import Foundation
import LinuxKernel
import OCI
import Testing
@testable import ContainerRuntime

/// The plan's choices the runtime-tools suite pinned: devices in a user namespace, masked paths
/// hidden by an earlier masked directory, FIFOs, and config.json's id maps.
struct OCIFilesystemPlanUserNamespaceTests {
    func spec(_ json: String) throws -> RuntimeSpec {
        try JSONDecoder().decode(RuntimeSpec.self, from: Data(json.utf8))
    }

    @Test("in a user namespace a device is the host's node bound onto an empty file; a FIFO is still made")
    func devicesInUserNamespace() throws {
        let plan = OCIFilesystemPlan(rootfs: "/b/rootfs", bundle: "/b", spec: try spec("""
            {"ociVersion": "1.0.2", "linux": {"namespaces": [{"type": "user"}, {"type": "mount"}],
             "devices": [{"type": "p", "path": "/dev/pipe", "fileMode": 420}]}}
            """))
        let steps = plan.deviceSteps
        #expect(steps.contains(.touch(path: "/dev/null")))
        #expect(steps.contains(.mount(Mount(type: "bind", source: "/dev/null", target: "/dev/null", flags: [.bind]))))
        #expect(!steps.contains { if case .makeDevice(path: "/dev/null", _, _, _) = $0 { true } else { false } })
        #expect(steps.contains(.makeDevice(path: "/dev/pipe", major: 0, minor: 0, mode: 0o010644)))
    }

    @Test("a path under a directory masked before it is not masked again; a missing one is skipped")
    func maskedUnderMaskedDirectory() throws {
        let plan = OCIFilesystemPlan(rootfs: "/", bundle: "/", spec: try spec("""
            {"ociVersion": "1.0.2", "linux": {"maskedPaths": ["/proc/sys", "/proc/sys/kernel", "/no/such/path"]}}
            """))
        #expect(plan.maskSteps == [.mount(Mount(type: "tmpfs", source: "tmpfs", target: "/proc/sys", flags: .readOnly, data: "size=0"))])
    }

    @Test("uidMappings and gidMappings become the user namespace's maps, each as written")
    func idMaps() throws {
        let launch = OCILaunch(spec: try spec("""
            {"ociVersion": "1.0.2", "linux": {"namespaces": [{"type": "user"}],
             "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 2000}],
             "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 3000}, {"containerID": 3000, "hostID": 50000, "size": 1}]}}
            """), bundle: "/b", rootfs: "/b/rootfs", seccomp: nil)
        let mapping = try #require(launch.userNamespace)
        #expect(mapping.explicitUIDMap?.description == "0 1000 2000")
        #expect(mapping.explicitGIDMap?.description == "0 1000 3000\n3000 50000 1")
        #expect(launch.unsupported() == nil)
        let unmapped = OCILaunch(spec: try spec("""
            {"ociVersion": "1.0.2", "linux": {"namespaces": [{"type": "user"}]}}
            """), bundle: "/b", rootfs: "/b/rootfs", seccomp: nil)
        #expect(unmapped.unsupported()?.contains("needs linux.uidMappings") == true)
    }
}
