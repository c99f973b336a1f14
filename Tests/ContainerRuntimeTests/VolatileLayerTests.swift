@testable import ContainerRuntime
import LinuxKernel
import Testing

/// A `--rm` container's overlay is mounted `volatile`: its writable layer is never made durable.
struct VolatileLayerTests {
    let id = ContainerID.random()

    func overlayData(volatile: Bool) -> String? {
        var plan = RootFilesystemPlan(paths: ContainerPaths(root: "/r", id: id), lowerdirs: ["/l1", "/l2"],
                                      workingDirectory: "/", ownNetwork: true)
        plan.volatileWritableLayer = volatile
        guard case let .mount(overlay) = plan.steps.first, overlay.type == "overlay" else { return nil }
        return overlay.data
    }

    @Test("the overlay's options end with volatile only when the layer is thrown away at exit")
    func volatileOption() throws {
        let kept = try #require(overlayData(volatile: false))
        let thrownAway = try #require(overlayData(volatile: true))
        #expect(!kept.contains("volatile"), "\(kept)")
        #expect(thrownAway == kept + ",volatile")
        #expect(kept.hasPrefix("lowerdir=/l2:/l1,upperdir=/r/containers/"))
    }
}
