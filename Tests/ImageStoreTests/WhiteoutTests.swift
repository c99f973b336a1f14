#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import OCI
import Testing
import TestSupport

/// OCI and overlayfs spell deletions differently; the store translates both ways.
@Suite("Whiteouts")
struct WhiteoutTests {
    static let time: Int64 = 1_700_000_000

    @Test("OCI whiteouts unpack as overlayfs ones, and an upper directory packs back to OCI whiteouts",
          .enabled(if: Privileges.isRoot, "overlayfs whiteouts are character devices 0/0 and opaque directories use a trusted.* xattr: both need root"))
    func bothWays() throws {
        let dir = try TemporaryDirectory(prefix: "whiteout")
        let store = try ImageStore(root: dir.appending("store"))
        let layer = try store.writeLayer(entries: [
            LayerEntry(path: ".wh.gone", kind: .regularFile(.bytes([])), permissions: 0o644, modificationTime: Self.time),
            LayerEntry(path: "opaque", kind: .directory, permissions: 0o755, modificationTime: Self.time),
            LayerEntry(path: "opaque/.wh..wh..opq", kind: .regularFile(.bytes([])), permissions: 0o644, modificationTime: Self.time),
            LayerEntry(path: "opaque/kept", kind: .regularFile(.bytes(Array("kept\n".utf8))), permissions: 0o644, modificationTime: Self.time),
        ])
        let out = dir.appending("upper")
        _ = try store.unpack(layer.descriptor, into: out)

        var info = stat()
        #expect(lstat(out + "/gone", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == 0)
        #expect(!FileSystem.exists(out + "/.wh.gone"))
        #expect(ExtendedAttributes.get(Whiteout.opaqueXattr, path: out + "/opaque") == Array("y".utf8))
        #expect(!FileSystem.exists(out + "/opaque/.wh..wh..opq"))

        // Packing the overlayfs form gives back the OCI form, and the same digest.
        let repacked = try store.writeLayer(fromDirectory: out)
        #expect(try LayerWritingTests.entryPaths(store, repacked).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
                == [".wh.gone", "opaque", "opaque/.wh..wh..opq", "opaque/kept"])
        #expect(repacked.diffID == layer.diffID)
    }

    @Test("overlayfs honours the unpacked whiteouts: a deleted file and an opaque directory's old content are hidden",
          .enabled(if: Privileges.isRoot, "mounting overlayfs and making whiteout devices need root"))
    func overlayHidesLowerFiles() throws {
        let dir = try TemporaryDirectory(prefix: "whiteout-overlay")
        let store = try ImageStore(root: dir.appending("store"))
        try dir.write("lower/gone", "old\n")
        try dir.write("lower/opaque/old", "old\n")
        try dir.write("lower/stays", "here\n")
        let lower = try store.writeLayer(fromDirectory: dir.appending("lower"))
        let upper = try store.writeLayer(entries: [
            LayerEntry(path: ".wh.gone", kind: .regularFile(.bytes([])), permissions: 0o644, modificationTime: Self.time),
            LayerEntry(path: "opaque", kind: .directory, permissions: 0o755, modificationTime: Self.time),
            LayerEntry(path: "opaque/.wh..wh..opq", kind: .regularFile(.bytes([])), permissions: 0o644, modificationTime: Self.time),
            LayerEntry(path: "opaque/kept", kind: .regularFile(.bytes(Array("kept\n".utf8))), permissions: 0o644, modificationTime: Self.time),
        ])
        let lowerDir = dir.appending("l1"), upperDir = dir.appending("l2"), merged = dir.appending("merged")
        _ = try store.unpack(lower.descriptor, into: lowerDir)
        _ = try store.unpack(upper.descriptor, into: upperDir)
        mkdir(merged, 0o755)
        // overlayfs lists lowerdirs top first.
        try #require(mount("overlay", merged, "overlay", 0, "lowerdir=\(upperDir):\(lowerDir)") == 0,
                     "mount overlay: \(String(cString: strerror(errno)))")
        defer { umount2(merged, Int32(MNT_DETACH)) }
        #expect(!FileSystem.exists(merged + "/gone"))
        #expect(!FileSystem.exists(merged + "/opaque/old"))
        #expect(FileSystem.exists(merged + "/opaque/kept"))
        #expect(try TestFiles.readText(merged + "/stays") == "here\n")
    }
}
