@testable import ImageStore
import Explain
import OCI
import Testing
import TestSupport

/// rmi and image prune: Docker's rules for what may go, and nothing left behind that no image
/// or container needs — but nothing taken that one still does.
@Suite("Removing images")
struct ImageRemovalTests {
    static let time: Int64 = 1_700_000_000

    static func layer(_ store: ImageStore, _ name: String) throws -> WrittenLayer {
        try store.writeLayer(entries: [
            LayerEntry(path: name, kind: .regularFile(.bytes(Array("\(name)\n".utf8))), permissions: 0o644, modificationTime: time),
        ])
    }

    /// An image from layers, unpacked as `run` would, under `tags`.
    static func image(_ store: ImageStore, _ layers: [WrittenLayer], tags: [String], cmd: String = "true") throws -> StoredImage {
        let config = ImageConfiguration(created: "2024-01-01T00:00:00Z", architecture: "amd64", os: "linux",
                                        config: ContainerConfig(cmd: [cmd]), rootfs: .init(diffIDs: layers.map(\.diffID)))
        let image = try store.commit(config: config, layers: layers.map(\.descriptor), tags: tags.map { try ImageReference(parsing: $0) })
        _ = try store.unpackedLayers(of: image, events: DiscardingSink())
        return image
    }

    static func use(_ image: StoredImage, store: ImageStore, running: Bool) -> ContainerUse {
        ContainerUse(containerID: "c0ffee" + String(repeating: "0", count: 58), imageID: image.id.string, isRunning: running,
                     lowerdirs: image.config.rootfs.diffIDs.map { store.layersPath + "/" + $0.hex })
    }

    @Test("removing one of two tags only untags; the last tag deletes the image but keeps a layer another image shares")
    func untagThenDelete() throws {
        let root = try TemporaryDirectory(prefix: "rmi")
        let store = try ImageStore(root: root.path)
        let base = try Self.layer(store, "base"), top = try Self.layer(store, "top"), other = try Self.layer(store, "other")
        let app = try Self.image(store, [base, top], tags: ["app:v1", "app:latest"])
        let sibling = try Self.image(store, [base, other], tags: ["sibling"])

        let first = try store.remove("app:v1", force: false, containers: [])
        #expect(first.untagged == ["app:v1"] && first.deleted.isEmpty)
        #expect(store.containsBlob(app.id))

        let second = try store.remove("app", force: false, containers: [])
        #expect(second.untagged == ["app:latest"])
        #expect(second.deleted == [app.id, top.diffID])
        #expect(second.reclaimedBytes > 0)
        for digest in [app.id, app.manifestDigest, top.descriptor.digest] { #expect(!store.containsBlob(digest)) }
        #expect(!FileSystem.exists(store.layersPath + "/" + top.diffID.hex))
        #expect(store.containsBlob(base.descriptor.digest) && FileSystem.exists(store.layersPath + "/" + base.diffID.hex))
        #expect(try store.image(ImageReference(parsing: "sibling"))?.id == sibling.id)
        _ = try store.unpackedLayers(of: sibling, events: DiscardingSink())
    }

    @Test("push's gzip copy of a layer lives as long as the layer: prune keeps it, the image's last rmi deletes it and its record")
    func compressedCopies() throws {
        let root = try TemporaryDirectory(prefix: "rmi-gzip")
        let store = try ImageStore(root: root.path)
        let base = try Self.layer(store, "base"), top = try Self.layer(store, "top")
        _ = try Self.image(store, [base, top], tags: ["app"])
        let baseCopy = try store.compressedForPush(base.descriptor), topCopy = try store.compressedForPush(top.descriptor)
        _ = try Self.image(store, [base], tags: ["base"])

        #expect(try store.prune(all: false, containers: []).reclaimedBytes == 0, "a copy of a live layer is not garbage")
        #expect(store.containsBlob(baseCopy.digest) && store.containsBlob(topCopy.digest))

        _ = try store.remove("app", force: false, containers: [])
        #expect(!store.containsBlob(topCopy.digest), "the copy goes with its layer: a pull must fetch it again")
        #expect(!FileSystem.exists(store.compressedRecordsPath + "/" + top.descriptor.digest.hex))
        #expect(store.containsBlob(baseCopy.digest), "base's layer is still used, so is its copy")
        #expect(try store.compressedForPush(base.descriptor) == baseCopy)
    }

    @Test("images are found by tag, full ID, sha256: prefix or short ID; anything else is Docker's No such image")
    func lookups() throws {
        let root = try TemporaryDirectory(prefix: "lookup")
        let store = try ImageStore(root: root.path)
        let image = try Self.image(store, [try Self.layer(store, "x")], tags: ["team/app:v2"])
        for text in ["team/app:v2", image.id.string, image.id.hex, "sha256:" + image.id.hex.prefix(10), String(image.id.hex.prefix(5))] {
            #expect(try store.lookup(text)?.image.id == image.id, "\(text)")
        }
        #expect(try store.lookup("team/app:v2")?.matchedTag?.description == "team/app:v2")
        #expect(try store.lookup(image.id.shortID)?.matchedTag == nil)
        #expect(try store.lookup("team/app") == nil)
        #expect(ImageStore.noSuchImage("nosuch").message == "No such image: nosuch:latest")
        #expect(throws: ImageStoreError.self) { try store.remove("nosuch", force: true, containers: []) }
    }

    @Test("an image a stopped container uses is refused, by tag or by ID, until forced; forcing keeps the container's layers")
    func stoppedContainer() throws {
        let root = try TemporaryDirectory(prefix: "rmi-stopped")
        let store = try ImageStore(root: root.path)
        let layer = try Self.layer(store, "x")
        let image = try Self.image(store, [layer], tags: ["busy"])
        let users = [Self.use(image, store: store, running: false)]
        #expect {
            try store.remove("busy", force: false, containers: users)
        } throws: { error in
            (error as? ImageStoreError)?.message == "conflict: unable to remove repository reference \"busy\" (must force) - container c0ffee000000 is using its referenced image \(image.id.shortID)"
        }
        #expect {
            try store.remove(image.id.shortID, force: false, containers: users)
        } throws: { error in
            (error as? ImageStoreError)?.message == "conflict: unable to delete \(image.id.shortID) (must be forced) - image is being used by stopped container c0ffee000000"
        }
        let forced = try store.remove("busy", force: true, containers: users)
        #expect(forced.untagged == ["busy:latest"] && forced.deleted.first == image.id)
        #expect(!store.containsBlob(image.id))
        #expect(FileSystem.exists(store.layersPath + "/" + layer.diffID.hex), "the container's lowerdir stays")
        // Once the container is gone, a prune takes the layer.
        let pruned = try store.prune(all: false, containers: [])
        #expect(pruned.deleted == [layer.diffID])
        #expect(!FileSystem.exists(store.layersPath + "/" + layer.diffID.hex))
    }

    @Test("an image a running container uses can only be untagged, and by ID not even forced")
    func runningContainer() throws {
        let root = try TemporaryDirectory(prefix: "rmi-running")
        let store = try ImageStore(root: root.path)
        let image = try Self.image(store, [try Self.layer(store, "x")], tags: ["live"])
        let users = [Self.use(image, store: store, running: true)]
        #expect {
            try store.remove(image.id.hex, force: true, containers: users)
        } throws: { error in
            (error as? ImageStoreError)?.message == "conflict: unable to delete \(image.id.shortID) (cannot be forced) - image is being used by running container c0ffee000000"
        }
        let report = try store.remove("live", force: true, containers: users)
        #expect(report.untagged == ["live:latest"] && report.deleted.isEmpty)
        #expect(store.containsBlob(image.id))
        // Still running: even prune -a keeps what it mounts.
        _ = try store.prune(all: true, containers: users)
        #expect(FileSystem.exists(store.layersPath + "/" + image.config.rootfs.diffIDs[0].hex))
    }

    @Test("an image with several tags named by ID needs -f, which untags them all")
    func severalTags() throws {
        let root = try TemporaryDirectory(prefix: "rmi-tags")
        let store = try ImageStore(root: root.path)
        let image = try Self.image(store, [try Self.layer(store, "x")], tags: ["a", "b:1"])
        #expect {
            try store.remove(image.id.shortID, force: false, containers: [])
        } throws: { error in
            (error as? ImageStoreError)?.message == "conflict: unable to delete \(image.id.shortID) (must be forced) - image is referenced in multiple repositories"
        }
        let report = try store.remove(image.id.shortID, force: true, containers: [])
        #expect(report.untagged == ["a:latest", "b:1"] && report.deleted.first == image.id)
        #expect(try store.images().isEmpty)
    }

    @Test("prune deletes images whose tag moved on, and with -a every image no container uses")
    func prune() throws {
        let root = try TemporaryDirectory(prefix: "prune")
        let store = try ImageStore(root: root.path)
        let old = try Self.image(store, [try Self.layer(store, "old")], tags: ["app"], cmd: "old")
        let new = try Self.image(store, [try Self.layer(store, "new")], tags: ["app"], cmd: "new")
        let kept = try Self.image(store, [try Self.layer(store, "kept")], tags: ["kept"])
        let idle = try Self.image(store, [try Self.layer(store, "idle")], tags: ["idle"])

        let dangling = try store.prune(all: false, containers: [])
        #expect(dangling.untagged.isEmpty)
        #expect(dangling.deleted == [old.id, old.config.rootfs.diffIDs[0]])
        #expect(!store.containsBlob(old.id) && store.containsBlob(new.id))
        #expect(try store.prune(all: false, containers: []).reclaimedBytes == 0, "a second prune finds nothing")

        let all = try store.prune(all: true, containers: [Self.use(kept, store: store, running: false)])
        #expect(all.untagged == ["app:latest", "idle:latest"])
        #expect(Set(all.deleted).isSuperset(of: [new.id, idle.id]))
        #expect(try store.images().map(\.id) == [kept.id])
        #expect(store.storedContent().layers == [kept.config.rootfs.diffIDs[0].hex])
    }
}
