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

    @Test("a tag that moves leaves its old image dangling (<none>), as Docker does, until prune; retagging it names it again")
    func movedTagLeavesDangling() throws {
        let root = try TemporaryDirectory(prefix: "dangling")
        let store = try ImageStore(root: root.path)
        let old = try Self.commitSmallImage(store, tags: ["app:latest"])
        let new = try Self.commitSmallImage(store, tags: ["app:latest"], cmd: ["false"])
        let listed = try store.images()
        #expect(listed.count == 2)
        #expect(listed.first { $0.id == old.id }?.reference == nil, "the old image is listed untagged")
        #expect(listed.first { $0.id == new.id }?.reference?.taggedName == "app:latest")

        // Naming the dangling image again makes it whole; no untagged entry is left beside it.
        try store.tag(try #require(listed.first { $0.id == old.id }), as: ImageReference(parsing: "app:old"))
        #expect(try store.readIndex().manifests.allSatisfy { $0.annotations?[AnnotationKey.refName] != nil })

        // The same tag committed again on the same image leaves nothing dangling.
        _ = try Self.commitSmallImage(store, tags: ["app:latest"], cmd: ["false"])
        #expect(try store.images().count == 2)

        #expect(try store.untag(ImageReference(parsing: "app:old")))
        _ = try Self.commitSmallImage(store, tags: ["app:latest"], cmd: ["echo"])
        let report = try store.prune(all: false, containers: [])
        #expect(report.deleted.contains(new.id), "the image app:latest left is pruned: \(report.deleted)")
        #expect(try store.images().map(\.displayName) == ["app:latest"])
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
