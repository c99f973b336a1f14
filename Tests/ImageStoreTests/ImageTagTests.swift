@testable import ImageStore
import Explain
import OCI
import Testing
import TestSupport

@Suite("Tags and lookups")
struct ImageTagTests {
    /// A one-layer image with a fixed config, committed under `tags`.
    static func commitSmallImage(_ store: ImageStore, tags: [String], cmd: [String] = ["true"]) throws -> StoredImage {
        let layer = try store.writeLayer(entries: [
            LayerEntry(path: "hello", kind: .regularFile(.bytes(Array("hi\n".utf8))), permissions: 0o644, modificationTime: 1_700_000_000),
        ])
        let config = ImageConfiguration(created: "2024-01-01T00:00:00Z", architecture: "amd64", os: "linux",
                                        config: ContainerConfig(cmd: cmd), rootfs: .init(diffIDs: [layer.diffID]))
        return try store.commit(config: config, layers: [layer.descriptor], tags: tags.map { try ImageReference(parsing: $0) })
    }

    @Test("a missing image gets Docker's exact message")
    func missingImage() throws {
        let root = try TemporaryDirectory(prefix: "missing-image")
        let store = try ImageStore(root: root.path)
        #expect(try store.image(ImageReference(parsing: "alpine")) == nil)
        #expect {
            _ = try store.resolve("alpine", events: DiscardingSink())
        } throws: { error in
            guard let error = error as? ImageStoreError else { return false }
            return error.code == .imageNotFound && error.description == "Unable to find image 'alpine:latest' locally"
        }
    }

    @Test("commit tags an image in index.json with the full name:tag annotation; images lists each tag")
    func commitAndList() throws {
        let root = try TemporaryDirectory(prefix: "commit")
        let store = try ImageStore(root: root.path)
        let image = try Self.commitSmallImage(store, tags: ["app:v1", "app:latest"])
        let index = try store.readIndex()
        #expect(index.manifests.compactMap { $0.annotations?[AnnotationKey.refName] }.sorted() == ["app:latest", "app:v1"])
        #expect(index.manifests.allSatisfy { $0.digest == image.manifestDigest && $0.mediaType == MediaType.imageManifest })
        let found = try #require(try store.image(ImageReference(parsing: "app")))
        #expect(found.id == image.id)
        #expect(found.size == image.manifest.layers[0].size)
        let byDigest = try store.image(ImageReference(parsing: "app@" + image.manifestDigest.string))
        #expect(byDigest?.manifestDigest == image.manifestDigest)
        #expect(try store.images().map(\.displayName).sorted() == ["app:latest", "app:v1"])

        // Moving a tag leaves the other one where it was.
        let other = try Self.commitSmallImage(store, tags: ["app:v1"], cmd: ["false"])
        #expect(try store.image(ImageReference(parsing: "app:v1"))?.id == other.id)
        #expect(try store.image(ImageReference(parsing: "app:latest"))?.id == image.id)
        #expect(try store.untag(ImageReference(parsing: "app:latest")))
        #expect(try store.images().map(\.displayName) == ["app:v1"])
    }

    @Test("two stores tagging at once lose no tag (index.json is rewritten under an flock)")
    func concurrentTags() async throws {
        let root = try TemporaryDirectory(prefix: "concurrent")
        let path = root.path
        let first = try Self.commitSmallImage(ImageStore(root: path), tags: ["base:latest"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<12 {
                group.addTask {
                    try ImageStore(root: path).tag(first, as: ImageReference(parsing: "copy\(n):latest"))
                }
            }
            try await group.waitForAll()
        }
        #expect(try ImageStore(root: path).images().count == 13)
    }
}
