import Foundation
@testable import ImageStore
import OCI
import Testing
import TestSupport

/// Archives crafted byte by byte to attack `load`: paths that climb out, links that escape,
/// devices, bad whiteouts, blobs that lie about their digest. Each is refused with an error
/// naming the entry, and leaves the store exactly as it was and nothing anywhere else.
@Suite("Refusing evil archives")
struct EvilArchiveTests {
    /// Loads `archive` into a store that already holds an image, expects a refusal mentioning
    /// `mentioning`, and checks that nothing changed and nothing was written outside the store.
    static func expectRefused(_ archive: [UInt8], mentioning: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let root = try TemporaryDirectory(prefix: "evil-archive")
        let store = try ImageStore(root: root.appending("store"))
        _ = try ImageTagTests.commitSmallImage(store, tags: ["keep"])
        let blobsBefore = try DirectoryWalk.sortedNames(in: store.blobs.directory)
        let indexBefore = try store.readIndex()
        try ImageArchiveFixture.write(archive, to: root.appending("evil.tar"))

        #expect(sourceLocation: sourceLocation) {
            _ = try store.load(archive: root.appending("evil.tar"))
        } throws: { error in
            guard let error = error as? ImageStoreError else { return false }
            return error.message.contains(mentioning)
        }
        #expect(try DirectoryWalk.sortedNames(in: store.blobs.directory) == blobsBefore, "no blob added", sourceLocation: sourceLocation)
        #expect(try store.readIndex() == indexBefore, "no tag written", sourceLocation: sourceLocation)
        #expect(try DirectoryWalk.sortedNames(in: store.layoutPath).filter { $0.hasPrefix(".tmp") }.isEmpty,
                "the staging directory is gone", sourceLocation: sourceLocation)
        #expect(try DirectoryWalk.sortedNames(in: store.layersPath).isEmpty, sourceLocation: sourceLocation)
        #expect(try DirectoryWalk.sortedNames(in: root.path) == ["evil.tar", "store"], sourceLocation: sourceLocation)
        let everything = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
        #expect(everything.allSatisfy { !$0.contains("pwned") }, "\(everything)", sourceLocation: sourceLocation)
    }

    static func dockerArchive(_ build: (inout TarBytes) -> Void) throws -> [UInt8] {
        try ImageArchiveFixture.dockerArchive(layers: [ImageArchiveFixture.layer(build)], tags: ["evil:latest"])
    }

    /// Layers that must never be accepted, with the text the refusal must contain.
    static let evilLayers: [(String, @Sendable (inout TarBytes) -> Void)] = [
        ("\"../pwned\": its path contains '..'", { $0.add("../pwned", .file([1])) }),
        ("\"a/../../pwned\": its path contains '..'", { $0.add("a/../../pwned", .file([1])) }),
        ("\"/pwned\": it has an absolute path", { $0.add("/pwned", .file([1])) }),
        ("\"link/pwned\": \"link\" is a symlink in this layer", { $0.add("link", .symlink("/etc")); $0.add("link/pwned", .file([1])) }),
        ("\"stolen\": it has an absolute path", { $0.add("stolen", .hardlink("/etc/passwd")) }),
        ("\"stolen\": its path contains '..'", { $0.add("stolen", .hardlink("../../etc/passwd")) }),
        ("\"stolen\": its hardlink target \"missing\" is not a file earlier", { $0.add("stolen", .hardlink("missing")) }),
        ("\"stolen\": its hardlink target \"d/passwd\" goes through a symlink", { $0.add("d", .symlink("/etc")); $0.add("stolen", .hardlink("d/passwd")) }),
        ("\".wh.\" is not a valid whiteout name", { $0.add(".wh.", .file([])) }),
        ("\".wh..\" is not a valid whiteout name", { $0.add("dir/.wh..", .file([])) }),
        ("a whiteout (.wh.x) cannot be a directory", { $0.add(".wh.x/y", .file([])) }),
        ("\"dev/sda\": it is a device node (8:0)", { $0.add("dev/sda", .blockDevice(major: 8, minor: 0)) }),
        ("\"dev/mem\": it is a device node (1:1)", { $0.add("dev/mem", .characterDevice(major: 1, minor: 1)) }),
    ]

    @Test("layers with '..' paths, escaping links, writes through links, bad whiteouts or devices are refused",
          arguments: evilLayers.indices)
    func evilLayer(_ index: Int) throws {
        let (message, build) = Self.evilLayers[index]
        try Self.expectRefused(try Self.dockerArchive(build), mentioning: message)
    }

    @Test("the same checks apply to OCI layouts, gzip layers included", arguments: [false, true])
    func evilOCILayer(_ gzip: Bool) throws {
        let layer = ImageArchiveFixture.layer { $0.add("ok", .file([1])); $0.add("../pwned", .file([1])) }
        try Self.expectRefused(try ImageArchiveFixture.ociLayout(layers: [(layer, gzip)], refName: "evil:1"),
                               mentioning: "refusing layer entry \"../pwned\"")
    }

    @Test("symlinks load whatever their target: absolute ones are the norm (/bin/sh -> /bin/busybox), and one that climbs above the root stops there, as Docker accepts")
    func symlinksLoadWhateverTheirTarget() throws {
        let root = try TemporaryDirectory(prefix: "abs-links")
        let archive = try Self.dockerArchive { tar in
            tar.add("bin/sh", .symlink("/bin/busybox"))
            tar.add("up", .symlink("../../../etc"))
            tar.add("a/b/up", .symlink("../../../etc"))
            tar.add("abs", .symlink("/../../etc/shadow"))
            tar.add("lib64/ld.so", .symlink("../lib/x86_64/ld.so"))
            tar.add("etc/mtab", .symlink("/proc/self/mounts"))
            tar.add("bin/busybox", .file([1]), mode: 0o755)
            tar.add("bin/ash", .hardlink("bin/busybox"))
        }
        try ImageArchiveFixture.write(archive, to: root.appending("ok.tar"))
        #expect(try ImageStore(root: root.appending("store")).load(archive: root.appending("ok.tar")).count == 1)
    }

    /// Archive members that must be refused before any layer is looked at.
    static let evilMembers: [(String, @Sendable (inout TarBytes) -> Void)] = [
        ("refusing archive member \"../pwned\": its path contains '..'", { $0.add("../pwned", .file([1])) }),
        ("refusing archive member \"/pwned\": it has an absolute path", { $0.add("/pwned", .file([1])) }),
        ("its link target \"/etc/passwd\" is outside the archive", { $0.add("manifest.json", .symlink("/etc/passwd")) }),
        ("its link target \"../../etc/passwd\" is outside the archive", { $0.add("x/manifest.json", .symlink("../../etc/passwd")) }),
        ("refusing archive member \"manifest.json\": its path contains '..'", { $0.add("manifest.json", .hardlink("../../../etc/passwd")) }),
        ("\"pwned-fifo\": an image archive holds only files, directories and links", { $0.add("pwned-fifo", .fifo) }),
        ("\"manifest.json\": the archive has it twice", { $0.add("manifest.json", .file(Array("[]".utf8))); $0.add("manifest.json", .file(Array("[]".utf8))) }),
    ]

    @Test("archive members with '..' or absolute names, escaping links, fifos or duplicates are refused",
          arguments: evilMembers.indices)
    func evilMember(_ index: Int) throws {
        let (message, build) = Self.evilMembers[index]
        var tar = TarBytes()
        build(&tar)
        try Self.expectRefused(tar.finished, mentioning: message)
    }

    @Test("a config whose name is not its digest, or a layer whose diff_id is not the config's, is refused")
    func lyingDockerArchive() throws {
        let layer = ImageArchiveFixture.layer { $0.add("f", .file([1])) }
        var tar = TarBytes()
        let config = try ImageArchiveFixture.config(diffIDs: [try ImageArchiveFixture.digest(layer)])
        let fakeName = String(repeating: "a", count: 64) + ".json"
        tar.add(fakeName, .file(config))
        tar.add("l/layer.tar", .file(layer))
        tar.add("manifest.json", .file(Array(#"[{"Config":"\#(fakeName)","RepoTags":["x:1"],"Layers":["l/layer.tar"]}]"#.utf8)))
        try Self.expectRefused(tar.finished, mentioning: "config \"\(fakeName)\" does not match its name")

        let wrong = try ImageArchiveFixture.config(diffIDs: ["sha256:" + String(repeating: "b", count: 64)])
        try Self.expectRefused(try ImageArchiveFixture.dockerArchive(layers: [layer], tags: ["x:1"], configBytes: wrong),
                               mentioning: "but the config says sha256:bbbb")
        let missing = try ImageArchiveFixture.config(diffIDs: [])
        try Self.expectRefused(try ImageArchiveFixture.dockerArchive(layers: [layer], tags: ["x:1"], configBytes: missing),
                               mentioning: "lists 0 diff_ids, but the image has 1 layers")
    }

    @Test("an OCI blob whose content is not its digest, or one that is missing, is refused")
    func lyingOCILayout() throws {
        let layer = ImageArchiveFixture.layer { $0.add("f", .file([1])) }
        let layerDigest = try ImageArchiveFixture.digest(layer)
        try Self.expectRefused(try ImageArchiveFixture.ociLayout(layers: [(layer, false)], refName: "x:1") { blobs in
            blobs[layerDigest] = ImageArchiveFixture.layer { $0.add("g", .file([2])) }
        }, mentioning: "does not match its digest")
        try Self.expectRefused(try ImageArchiveFixture.ociLayout(layers: [(layer, false)], refName: "x:1") { blobs in
            blobs[layerDigest] = nil
        }, mentioning: "layer \(layerDigest) is missing from the archive")
    }

    @Test("a failed load of a two-image archive keeps neither image, not even the good one")
    func allOrNothing() throws {
        let good = try ImageArchiveFixture.layer { $0.add("good", .file([1])) }
        let evil = ImageArchiveFixture.layer { $0.add("../pwned", .file([1])) }
        let goodConfig = try ImageArchiveFixture.config(diffIDs: [try ImageArchiveFixture.digest(good)])
        let evilConfig = try ImageArchiveFixture.config(diffIDs: [try ImageArchiveFixture.digest(evil)], cmd: ["evil"])
        var tar = TarBytes()
        tar.add("good/layer.tar", .file(good))
        tar.add("evil/layer.tar", .file(evil))
        tar.add("good.json", .file(goodConfig))
        tar.add("evil.json", .file(evilConfig))
        tar.add("manifest.json", .file(Array("""
            [{"Config":"good.json","RepoTags":["good:1"],"Layers":["good/layer.tar"]},
             {"Config":"evil.json","RepoTags":["evil:1"],"Layers":["evil/layer.tar"]}]
            """.utf8)))
        try Self.expectRefused(tar.finished, mentioning: "\"../pwned\"")
    }

    @Test("something that is not an image archive is refused with a message saying what was expected")
    func notAnArchive() throws {
        var tar = TarBytes()
        tar.add("readme.txt", .file(Array("hello".utf8)))
        try Self.expectRefused(tar.finished, mentioning: "neither a docker-archive (no manifest.json) nor an OCI image layout (no index.json)")
        try Self.expectRefused(Array("definitely not a tar file, just text\n".utf8), mentioning: "read archive")
        let full = try ImageArchiveFixture.dockerArchive(layers: [ImageArchiveFixture.layer { $0.add("f", .file([UInt8](repeating: 7, count: 5000))) }],
                                                         tags: ["t:1"])
        try Self.expectRefused(Array(full.prefix(3000)), mentioning: "archive")
    }
}
