@testable import ImageStore
import Explain
import OCI
import Testing
import TestSupport

/// What Dockyard writes, other OCI tools read: the layout is the standard one, not a look-alike.
@Suite("Other OCI tools read the store")
struct InteropTests {
    static let skopeo = HostTools.executable("skopeo")
    static let umoci = HostTools.executable("umoci")

    @Test("skopeo inspects busybox:latest from the layout, with our digest and layer",
          .enabled(if: skopeo != nil && Privileges.hasBusybox,
                   "needs skopeo (apt-get install skopeo, or DOCKYARD_BENCH=1 scripts/install-deps) and /bin/busybox"))
    func skopeoInspects() throws {
        let root = try TemporaryDirectory(prefix: "skopeo")
        let store = try ImageStore(root: root.path)
        let image = try store.ensureBusybox(events: DiscardingSink())
        let output = try HostCommand.output(try #require(Self.skopeo),
                                            ["inspect", "oci:\(store.layoutPath):busybox:latest"])
        #expect(output.contains("\"Digest\": \"\(image.manifestDigest.string)\""))
        #expect(output.contains(image.manifest.layers[0].digest.string))
        #expect(output.contains("\"Architecture\": \"\(image.config.architecture)\""))
    }

    @Test("umoci lists the tag and unpacks the image, checking every diff_id",
          .enabled(if: umoci != nil && Privileges.hasBusybox && Privileges.isRoot,
                   "needs umoci (apt-get install umoci, or DOCKYARD_BENCH=1 scripts/install-deps), /bin/busybox, and root for umoci unpack"))
    func umociUnpacks() throws {
        let root = try TemporaryDirectory(prefix: "umoci")
        let store = try ImageStore(root: root.path)
        _ = try store.ensureBusybox(events: DiscardingSink())
        let umoci = try #require(Self.umoci)
        let listing = try HostCommand.output(umoci, ["ls", "--layout", store.layoutPath])
        #expect(listing.split(separator: "\n").contains("busybox:latest"))
        let bundle = root.appending("bundle")
        _ = try HostCommand.output(umoci, ["unpack", "--image", "\(store.layoutPath):busybox:latest", bundle])
        #expect(FileSystem.exists(bundle + "/rootfs/bin/busybox"))
        #expect(FileSystem.exists(bundle + "/config.json"))
    }
}
