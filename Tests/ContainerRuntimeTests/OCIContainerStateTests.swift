import Foundation
import OCI
import Testing
@testable import ContainerRuntime

/// The OCI runtime's state.json, written and read by hand.
struct OCIContainerStateTests {
    @Test("state.json reads back as written: escapes, annotations, cgroup paths and the later hooks")
    func roundTrip() throws {
        let hooks = try JSONDecoder().decode(RuntimeSpec.Hooks.self, from: Data(#"""
            {"startContainer": [{"path": "/bin/sh", "args": ["sh", "-c", "echo \"quoted\"\n"], "env": ["A=1"], "timeout": 5}],
             "poststop": [{"path": "/bin/true"}], "prestart": [{"path": "/not/kept"}]}
            """#.utf8))
        var state = OCIContainerState(id: "c-1", pid: 4242, startTime: 123_456, bundle: "/b/with \"quote\"", rootfs: "/b/rootfs",
                                      created: "2026-12-07T05:00:00.000000001Z", annotations: ["k\\": "v\u{1}", "a": "ü"],
                                      cgroupGroup: "g/c-1", cgroupPaths: ["/sys/fs/cgroup/memory/g/c-1"], cpuset: true,
                                      laterHooks: OCILaterHooks(hooks))
        state.network = true
        let bytes = state.stateFileBytes()
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [String: Any], "valid JSON")
        let read = try #require(OCIContainerState(stateFile: bytes))
        #expect(read.id == "c-1" && read.pid == 4242 && read.startTime == 123_456 && read.bundle == state.bundle)
        #expect(read.annotations == state.annotations && read.cgroupPaths == state.cgroupPaths && read.cpuset && read.network && !read.blockIO)
        #expect(read.laterHooks.startContainer.first?.args == ["sh", "-c", "echo \"quoted\"\n"])
        #expect(read.laterHooks.startContainer.first?.env == ["A=1"] && read.laterHooks.startContainer.first?.timeout == 5)
        #expect(read.laterHooks.poststop.map(\.path) == ["/bin/true"] && read.laterHooks.poststart.isEmpty)
        #expect(read.json(status: "created") == state.json(status: "created"), "hooks are given the same state")
        #expect(OCIContainerState(stateFile: Array("{\"id\": \"x\"}".utf8)) == nil, "a state missing its fields is refused")
    }
}
