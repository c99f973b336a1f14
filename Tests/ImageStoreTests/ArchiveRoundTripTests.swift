#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import Explain
import OCI
import Testing
import TestSupport

/// save then load, both formats: the same image ID, the same tags, and layers that unpack;
/// hand-made archives in the shapes Docker and OCI tools write load too.
@Suite("Saving and loading images")
struct ArchiveRoundTripTests {
    /// A store with a two-layer image tagged `app:v1` and `app:latest`.
    static func storeWithImage(_ root: TemporaryDirectory) throws -> (ImageStore, StoredImage) {
        let store = try ImageStore(root: root.appending("source"))
        let time: Int64 = 1_700_000_000
        let base = try store.writeLayer(entries: [
            LayerEntry(path: "etc", kind: .directory, permissions: 0o755, modificationTime: time),
            LayerEntry(path: "etc/motd", kind: .regularFile(.bytes(Array("hello\n".utf8))), permissions: 0o644, modificationTime: time),
            LayerEntry(path: "etc/os", kind: .symlink(target: "/etc/motd"), permissions: 0o777, modificationTime: time),
            LayerEntry(path: "etc/alias", kind: .hardlink(target: "etc/os"), permissions: 0o777, modificationTime: time),
        ])
        let top = try store.writeLayer(entries: [
            LayerEntry(path: "etc", kind: .directory, permissions: 0o755, modificationTime: time),
            LayerEntry(path: "etc/.wh.motd", kind: .regularFile(.bytes([])), permissions: 0o644, modificationTime: time),
            LayerEntry(path: "etc/new", kind: .regularFile(.bytes(Array("new\n".utf8))), permissions: 0o600, modificationTime: time),
        ])
        let config = ImageConfiguration(
            created: "2024-01-01T00:00:00Z", architecture: "amd64", os: "linux",
            config: ContainerConfig(env: ["A=1"], cmd: ["sh"]), rootfs: .init(diffIDs: [base.diffID, top.diffID]),
            history: [.init(createdBy: "ADD base"), .init(createdBy: "RUN rm /etc/motd"), .init(createdBy: "CMD sh", emptyLayer: true)])
        let image = try store.commit(config: config, layers: [base.descriptor, top.descriptor],
                                     tags: [try ImageReference(parsing: "app:v1"), try ImageReference(parsing: "app")])
        return (store, image)
    }

    static func save(_ store: ImageStore, _ requests: [ExportRequest], _ format: ArchiveFormat, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try store.save(requests, format: format, to: fd, label: path)
    }

    @Test("save then load keeps the image ID, every tag and every layer", arguments: ArchiveFormat.allCases)
    func roundTrip(_ format: ArchiveFormat) throws {
        let root = try TemporaryDirectory(prefix: "roundtrip")
        let (source, image) = try Self.storeWithImage(root)
        let archive = root.appending("image.tar")
        let tags = [try ImageReference(parsing: "app:v1"), try ImageReference(parsing: "app:latest")]
        try Self.save(source, [ExportRequest(image: image, tags: tags)], format, to: archive)

        let target = try ImageStore(root: root.appending("target"))
        let loaded = try target.load(archive: archive)
        #expect(loaded == [LoadedImage(id: image.id, tags: tags, replaced: [])])
        let copy = try #require(try target.image(ImageReference(parsing: "app:v1")))
        #expect(copy.id == image.id)
        #expect(copy.config == image.config)
        #expect(copy.config.rootfs.diffIDs == image.config.rootfs.diffIDs)
        if format == .oci { #expect(copy.manifestDigest == image.manifestDigest) }
        let layers = try target.unpackedLayers(of: copy, events: DiscardingSink())
        #expect(try TestFiles.readText(layers[0] + "/etc/motd") == "hello\n")
        #expect(try target.images().map(\.displayName).sorted() == ["app:latest", "app:v1"])
        #expect(try DirectoryWalk.sortedNames(in: target.layoutPath).filter { $0.hasPrefix(".tmp") }.isEmpty)

        // The same archive again: same image, nothing replaced.
        #expect(try target.load(archive: archive).first?.replaced.isEmpty == true)
    }

    @Test("saving is deterministic: the same image gives the same bytes", arguments: ArchiveFormat.allCases)
    func deterministic(_ format: ArchiveFormat) throws {
        let root = try TemporaryDirectory(prefix: "determinism")
        let (store, image) = try Self.storeWithImage(root)
        let request = [ExportRequest(image: image, tags: [try ImageReference(parsing: "app:v1")])]
        try Self.save(store, request, format, to: root.appending("1.tar"))
        try Self.save(store, request, format, to: root.appending("2.tar"))
        #expect(try TestFiles.read(root.appending("1.tar")) == TestFiles.read(root.appending("2.tar")))
    }

    @Test("an image saved by ID has no tag, and loads as Docker's <none> with its ID")
    func untagged() throws {
        let root = try TemporaryDirectory(prefix: "untagged")
        let (source, image) = try Self.storeWithImage(root)
        for format in ArchiveFormat.allCases {
            let archive = root.appending("\(format).tar")
            try Self.save(source, [ExportRequest(image: image, tags: [])], format, to: archive)
            let target = try ImageStore(root: root.appending("target-\(format)"))
            #expect(try target.load(archive: archive) == [LoadedImage(id: image.id, tags: [], replaced: [])])
            let listed = try target.images()
            #expect(listed.count == 1 && listed.first?.reference == nil && listed.first?.id == image.id)
            // Tagging it later names it: as in Docker, a named image is no longer listed as <none>,
            // and loading its untagged archive again adds no <none> row beside the name.
            try target.tag(try #require(listed.first), as: ImageReference(parsing: "named"))
            _ = try target.load(archive: archive)
            #expect(try target.images().map(\.displayName) == ["named:latest"])
        }
    }

    @Test("loading moves a tag that named another image, and says which image lost it")
    func replacesTags() throws {
        let root = try TemporaryDirectory(prefix: "replace")
        let (source, image) = try Self.storeWithImage(root)
        let archive = root.appending("image.tar")
        try Self.save(source, [ExportRequest(image: image, tags: [try ImageReference(parsing: "app:v1")])], .docker, to: archive)
        let target = try ImageStore(root: root.appending("target"))
        let previous = try ImageTagTests.commitSmallImage(target, tags: ["app:v1"])
        let loaded = try target.load(archive: archive)
        #expect(loaded.first?.replaced == [.init(tag: try ImageReference(parsing: "app:v1"), previousID: previous.id)])
        #expect(try target.image(ImageReference(parsing: "app:v1"))?.id == image.id)
    }

    @Test("a gzip archive, and an OCI layout with gzip layers, load; docker save then writes those layers as plain tars")
    func gzip() throws {
        let root = try TemporaryDirectory(prefix: "gzip")
        let layer = ImageArchiveFixture.layer { tar in
            tar.add("hello", .file(Array("hi\n".utf8)))
        }
        let oci = try ImageArchiveFixture.ociLayout(layers: [(layer, true)], refName: "latest", containerdName: "docker.io/library/zipped:1")
        try ImageArchiveFixture.write(try TarBytes.gzip(oci), to: root.appending("oci.tar.gz"))
        let store = try ImageStore(root: root.appending("store"))
        let loaded = try store.load(archive: root.appending("oci.tar.gz"))
        #expect(loaded.first?.tags.map(\.description) == ["zipped:1"])
        let image = try #require(try store.image(ImageReference(parsing: "zipped:1")))
        #expect(image.manifest.layers[0].mediaType == MediaType.layerTarGzip)
        #expect(image.config.rootfs.diffIDs[0].string == (try ImageArchiveFixture.digest(layer)))

        try Self.save(store, [ExportRequest(image: image, tags: [try ImageReference(parsing: "zipped:1")])], .docker, to: root.appending("d.tar"))
        let again = try ImageStore(root: root.appending("again"))
        _ = try again.load(archive: root.appending("d.tar"))
        let copy = try #require(try again.image(ImageReference(parsing: "zipped:1")))
        #expect(copy.id == image.id)
        #expect(copy.manifest.layers[0].mediaType == MediaType.layerTar)
        #expect(copy.manifest.layers[0].digest == image.config.rootfs.diffIDs[0])
    }

    @Test("OCI names: containerd's full name wins, a full ref.name is a tag, a bare ref.name loads untagged",
          arguments: [("latest", nil, nil), ("app:v3", nil, "app:v3"), ("latest", "docker.io/team/web:2", "team/web:2"),
                      ("localhost:5000/x:y", nil, "localhost:5000/x:y")] as [(String, String?, String?)])
    func ociNames(refName: String, containerd: String?, expected: String?) throws {
        let root = try TemporaryDirectory(prefix: "oci-names")
        let layer = ImageArchiveFixture.layer { $0.add("f", .file([1])) }
        try ImageArchiveFixture.write(try ImageArchiveFixture.ociLayout(layers: [(layer, false)], refName: refName, containerdName: containerd),
                                      to: root.appending("x.tar"))
        let loaded = try ImageStore(root: root.appending("store")).load(archive: root.appending("x.tar"))
        #expect(loaded.first?.tags.map(\.description) == (expected.map { [$0] } ?? []))
    }

    @Test("a hand-made docker-archive (Docker 20's layout) loads with the image ID Docker would give it")
    func handMadeDockerArchive() throws {
        let root = try TemporaryDirectory(prefix: "handmade")
        let layer = ImageArchiveFixture.layer { tar in
            tar.add("bin/", .directory)
            tar.add("bin/tool", .file(Array("#!/bin/sh\n".utf8)), mode: 0o755)
            tar.add("bin/tool2", .hardlink("bin/tool"))
        }
        let config = try ImageArchiveFixture.config(diffIDs: [try ImageArchiveFixture.digest(layer)])
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(layers: [layer], tags: ["docker.io/library/hand:made"], configBytes: config),
                                      to: root.appending("d.tar"))
        let store = try ImageStore(root: root.appending("store"))
        let loaded = try store.load(archive: root.appending("d.tar"))
        #expect(loaded.first?.id.string == (try ImageArchiveFixture.digest(config)))
        #expect(loaded.first?.tags.map(\.description) == ["hand:made"])
        #expect(try store.blobs.read(try #require(loaded.first).id) == config, "the config is kept byte for byte")
    }
}
