#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import Explain
import OCI
import Testing
import TestSupport

/// What `save` writes, the OCI tools read and run: skopeo inspects both formats, umoci unpacks
/// the OCI layout, and runc runs the unpacked bundle. Each test skips, saying why, when its
/// tool is missing (`scripts/install-deps` installs them).
@Suite("Saved archives in other OCI tools")
struct ArchiveInteropTests {
    static let skopeo = HostTools.executable("skopeo")
    static let umoci = HostTools.executable("umoci")
    static let runc = HostTools.executable("runc")

    /// busybox saved from a fresh store in `format`; returns the image and the archive's path.
    static func savedBusybox(_ root: TemporaryDirectory, _ format: ArchiveFormat) throws -> (StoredImage, String) {
        let store = try ImageStore(root: root.appending("store"))
        let image = try store.ensureBusybox(events: DiscardingSink())
        let archive = root.appending("busybox-\(format).tar")
        let fd = open(archive, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        try store.save([ExportRequest(image: image, tags: [try ImageReference(parsing: "busybox")])], format: format, to: fd, label: archive)
        return (image, archive)
    }

    @Test("skopeo inspects save --format oci output as an oci-archive, with our manifest digest and layer",
          .enabled(if: skopeo != nil && Privileges.hasBusybox, "needs skopeo (apt-get install skopeo, or scripts/install-deps) and /bin/busybox"))
    func skopeoReadsOCIArchive() throws {
        let root = try TemporaryDirectory(prefix: "skopeo-oci")
        let (image, archive) = try Self.savedBusybox(root, .oci)
        let output = try HostCommand.output(try #require(Self.skopeo), ["inspect", "oci-archive:" + archive])
        #expect(output.contains("\"Digest\": \"\(image.manifestDigest)\""))
        #expect(output.contains(image.config.rootfs.diffIDs[0].string))
    }

    @Test("skopeo reads save --format docker output as a docker-archive, with the busybox:latest tag",
          .enabled(if: skopeo != nil && Privileges.hasBusybox, "needs skopeo (apt-get install skopeo, or scripts/install-deps) and /bin/busybox"))
    func skopeoReadsDockerArchive() throws {
        let root = try TemporaryDirectory(prefix: "skopeo-docker")
        let (image, archive) = try Self.savedBusybox(root, .docker)
        let output = try HostCommand.output(try #require(Self.skopeo), ["inspect", "--config", "docker-archive:" + archive + ":busybox:latest"])
        #expect(output.contains(image.config.rootfs.diffIDs[0].string))
        #expect(output.contains("\"architecture\": \"\(image.config.architecture)\""))
    }

    @Test("umoci unpacks the saved OCI layout and runc runs the bundle: `echo hi` prints hi",
          .enabled(if: umoci != nil && runc != nil && Privileges.isRoot && Privileges.hasBusybox,
                   "needs umoci and runc (apt-get install umoci runc, or scripts/install-deps), root, and /bin/busybox"))
    func umociUnpacksAndRuncRuns() throws {
        let root = try TemporaryDirectory(prefix: "umoci-runc")
        let (_, archive) = try Self.savedBusybox(root, .oci)
        let layout = root.appending("layout")
        mkdir(layout, 0o755)
        _ = try HostCommand.output("/usr/bin/tar", ["-xf", archive, "-C", layout])
        let bundle = root.appending("bundle")
        _ = try HostCommand.output(try #require(Self.umoci), ["unpack", "--image", layout + ":busybox:latest", bundle])
        #expect(FileSystem.exists(bundle + "/rootfs/bin/busybox"))

        // A runtime config of runc's own making, with our command and no terminal.
        unlink(bundle + "/config.json")
        let runc = try #require(Self.runc)
        _ = try HostProcess.run("/bin/sh", ["-c", "cd '\(bundle)' && '\(runc)' spec"])
        let spec = try TestFiles.readText(bundle + "/config.json")
            .replacingOccurrences(of: "\"terminal\": true", with: "\"terminal\": false")
            .replacingOccurrences(of: "\"sh\"\n", with: "\"echo\", \"hi\"\n")
        try ImageArchiveFixture.write(Array(spec.utf8), to: bundle + "/config.json")
        let id = "dockyard-interop-\(getpid())"
        defer { _ = try? HostProcess.run(runc, ["delete", "--force", id]) }
        let result = try HostProcess.run(runc, ["run", "--bundle", bundle, id])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(decoding: result.stdout, as: UTF8.self) == "hi\n")
    }
}
