import FoundationEssentials
import LinuxKernel
import Testing
@testable import ContainerRuntime

/// Shared namespaces and pods as data: Docker's spellings of the modes, what a record keeps of
/// them, and podman's `--share` list. (The kernel side is in DockyardCLITests' SharedNamespaceTests.)
struct NamespaceSharingTests {
    @Test("each flag takes Docker's modes and no other")
    func modes() {
        #expect(NamespaceMode(parsing: "host", for: .pid) == .host)
        #expect(NamespaceMode(parsing: "container:web", for: .pid) == .container("web"))
        #expect(NamespaceMode(parsing: "", for: .pid) == .private)
        #expect(NamespaceMode(parsing: "shareable", for: .ipc) == .shareable)
        #expect(NamespaceMode(parsing: "private", for: .ipc) == .private)
        for (text, flag) in [("shareable", NamespaceMode.Flag.pid), ("container:web", .uts), ("shareable", .uts),
                             ("container:", .ipc), ("bogus", .pid), ("HOST", .uts)] {
            #expect(NamespaceMode(parsing: text, for: flag) == nil, "\(text)")
        }
        #expect(NamespaceMode(parsing: "container:infra", for: .record) == .container("infra"), "a pod's uts, in a record")
        #expect(NamespaceMode.container("abc").text() == "container:abc")
        #expect(NamespaceMode.private.text(privateAs: "private") == "private" && NamespaceMode.private.text() == "")
    }

    @Test("--network container:NAME is a network mode, with its container")
    func networkMode() {
        #expect(RunRequest.Network(rawValue: "container:web")?.container == "web")
        #expect(RunRequest.Network(rawValue: "container:") == nil)
        #expect(RunRequest.Network.bridge.container == nil)
        #expect(!ContainerNetworking.isBridged("container:web"))
    }

    @Test("a record keeps its namespace modes and pod, written the same by hand and by JSONEncoder, and read back")
    func recordKeepsModes() throws {
        let id = String(repeating: "ab", count: 32)
        let record = try RecordJSONTextTests.exited(replacing: [
            (#""network" : "bridge""#, #""network" : "container:\#(id)", "pidMode" : "container:\#(id)", "ipcMode" : "shareable", "utsMode" : "host", "pod" : "\#(id)""#),
        ])
        #expect(record.config.network.container == id)
        #expect(record.config.pidMode == .container(id) && record.config.ipcMode == .shareable && record.config.utsMode == .host)
        #expect(record.config.pod == id)
        try RecordJSONTextTests.expectSameBytes(record, "namespace modes")
        let unknown = try? RecordJSONTextTests.exited(replacing: [(#""network" : "bridge""#, #""network" : "bridge", "pidMode" : "sideways""#)])
        #expect(unknown == nil, "an unknown mode is an error, never quietly private")
    }

    @Test("a pod's --share takes podman's names of the namespaces it can share")
    func share() {
        #expect(PodRecord.parseShared("net,ipc,uts,pid") == [.net, .ipc, .uts, .pid])
        #expect(PodRecord.parseShared("net,net") == [.net])
        #expect(PodRecord.parseShared("net,mnt") == nil, "each container keeps its own mount namespace")
        #expect(PodRecord.parseShared("user") == nil)
    }

    @Test("a pod's containers have their cgroups under the pod's")
    func podCgroup() {
        let id = ContainerID(full: String(repeating: "1", count: 64))
        let paths = CgroupHost.unified(root: "/sys/fs/cgroup").manager(for: id, pod: "p0d").paths
        #expect(paths == ["/sys/fs/cgroup/dockyard/pod-p0d/" + id.full], "\(paths)")
        #expect(CgroupHost.unified(root: "/sys/fs/cgroup").manager(for: id).paths == ["/sys/fs/cgroup/dockyard/" + id.full])
    }
}
