import Foundation
@testable import ImageStore
import OCI
import Testing
import TestSupport

/// `load` reads the archive once and unpacks every layer as it checks it, several layers at
/// once: a loaded image's layers are ready for overlayfs, each with its own whiteouts, and a
/// bad layer anywhere in the image leaves no layer of it behind.
@Suite("Loading unpacks every layer, all or nothing")
struct LoadUnpackingTests {
    static func plainLayer(_ name: String, _ byte: UInt8) -> [UInt8] {
        ImageArchiveFixture.layer { $0.add(name, .file([UInt8](repeating: byte, count: 70_000))) }
    }

    @Test("every layer of a loaded image is unpacked under its diff_id, whiteouts within their own layer",
          .enabled(if: Privileges.isRoot, "overlayfs whiteouts are character devices 0/0 and opaque directories use a trusted.* xattr: both need root"))
    func layersUnpacked() throws {
        let root = try TemporaryDirectory(prefix: "load-unpack")
        let base = ImageArchiveFixture.layer { tar in
            tar.add("gone", .file([1]))
            tar.add("dir/", .directory)
            tar.add("dir/old", .file([2]))
        }
        let middle = Self.plainLayer("middle", 3)
        let top = ImageArchiveFixture.layer { tar in
            tar.add(".wh.gone", .file([]))
            tar.add("dir/", .directory)
            tar.add("dir/.wh..wh..opq", .file([]))
            tar.add("dir/new", .file([4]))
        }
        try ImageArchiveFixture.write(try ImageArchiveFixture.dockerArchive(layers: [base, middle, top], tags: ["three:1"]),
                                      to: root.appending("three.tar"))
        let store = try ImageStore(root: root.appending("store"))
        #expect(try store.load(archive: root.appending("three.tar")).map(\.tags) == [[try ImageReference(parsing: "three:1")]])

        let diffIDs = try [base, middle, top].map { try Digest(parsing: try ImageArchiveFixture.digest($0)) }
        #expect(try DirectoryWalk.sortedNames(in: store.layersPath) == diffIDs.map(\.hex).sorted())
        let (baseDir, middleDir, topDir) = (store.layersPath + "/" + diffIDs[0].hex, store.layersPath + "/" + diffIDs[1].hex,
                                            store.layersPath + "/" + diffIDs[2].hex)
        var info = stat()
        #expect(lstat(baseDir + "/gone", &info) == 0 && info.st_mode & S_IFMT == S_IFREG, "the base keeps its file")
        #expect(lstat(topDir + "/gone", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == 0,
                "the top layer's whiteout is overlayfs's 0/0 device, in the top layer only")
        #expect(try TestFiles.read(middleDir + "/middle").count == 70_000)
        #expect(ExtendedAttributes.get(Whiteout.opaqueXattr, path: topDir + "/dir") == Array("y".utf8))
        #expect(ExtendedAttributes.get(Whiteout.opaqueXattr, path: baseDir + "/dir") == nil)
        #expect(FileSystem.exists(baseDir + "/dir/old") && !FileSystem.exists(topDir + "/dir/old"))
        #expect(try DirectoryWalk.sortedNames(in: store.layoutPath).filter { $0.hasPrefix(".tmp") }.isEmpty)

        // A second load of the same archive finds the layers in place and only checks them.
        #expect(try store.load(archive: root.appending("three.tar")).count == 1)
        #expect(try DirectoryWalk.sortedNames(in: store.layersPath) == diffIDs.map(\.hex).sorted())
    }

    @Test("a hostile layer in the middle of a three-layer image leaves neither its neighbours nor itself unpacked")
    func hostileMiddleLayer() throws {
        let evil = ImageArchiveFixture.layer { $0.add("ok", .file([1])); $0.add("../pwned", .file([1])) }
        try EvilArchiveTests.expectRefused(
            try ImageArchiveFixture.dockerArchive(layers: [Self.plainLayer("a", 1), evil, Self.plainLayer("c", 3)], tags: ["evil:1"]),
            mentioning: "refusing layer entry \"../pwned\"")
    }

    @Test("a middle layer whose bytes are not the config's diff_id is refused, and no layer of the image stays")
    func corruptMiddleLayer() throws {
        let layers = [Self.plainLayer("a", 1), Self.plainLayer("b", 2), Self.plainLayer("c", 3)]
        var diffIDs = try layers.map { try ImageArchiveFixture.digest($0) }
        let corrupt = "sha256:" + String(repeating: "c", count: 64)
        diffIDs[1] = corrupt
        let config = try ImageArchiveFixture.config(diffIDs: diffIDs)
        try EvilArchiveTests.expectRefused(
            try ImageArchiveFixture.dockerArchive(layers: layers, tags: ["bad:1"], configBytes: config),
            mentioning: "but the config says \(corrupt)")
    }

    @Test("an OCI layout whose middle blob is not its digest is refused before any layer is unpacked", arguments: [false, true])
    func corruptMiddleBlob(_ gzip: Bool) throws {
        let layers = [Self.plainLayer("a", 1), Self.plainLayer("b", 2), Self.plainLayer("c", 3)]
        let stored = try gzip ? TarBytes.gzip(layers[1]) : layers[1]
        let middle = try ImageArchiveFixture.digest(stored)
        try EvilArchiveTests.expectRefused(try ImageArchiveFixture.ociLayout(layers: layers.map { ($0, gzip) }, refName: "x:1") { blobs in
            var flipped = blobs[middle] ?? []
            flipped[flipped.count / 2] ^= 0xff
            blobs[middle] = flipped
        }, mentioning: "does not match its digest")
    }

    @Test("a layer entry that declares far more bytes than the layer holds is refused as truncated, nothing left")
    func hugeDeclaredSize() throws {
        var layer = ImageArchiveFixture.layer { $0.add("big", .file([UInt8](repeating: 7, count: 600))) }
        Self.declare(size: "77777777777", inHeaderOf: &layer)  // 8 GiB - 1, in the header's octal
        try EvilArchiveTests.expectRefused(
            try ImageArchiveFixture.dockerArchive(layers: [Self.plainLayer("a", 1), layer], tags: ["huge:1"]),
            mentioning: "runcated")
    }

    /// Rewrites the size field of the first header (and its checksum), leaving the data as it is.
    static func declare(size octal: String, inHeaderOf tar: inout [UInt8]) {
        for (i, byte) in octal.utf8.enumerated() { tar[124 + i] = byte }
        for i in 148..<156 { tar[i] = 0x20 }
        let checksum = tar[0..<512].reduce(0) { $0 + Int($1) }
        let digits = Array(String(checksum, radix: 8).utf8)
        for i in 0..<6 { tar[148 + i] = i < 6 - digits.count ? 0x30 : digits[i - (6 - digits.count)] }
    }
}
