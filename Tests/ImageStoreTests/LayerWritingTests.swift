#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import Explain
import OCI
import Testing
import TestSupport

@Suite("Writing layers from directories")
struct LayerWritingTests {
    static let longName = String(repeating: "long-", count: 30)

    /// A small tree with the kinds of file a layer holds.
    static func makeTree(in dir: TemporaryDirectory) throws {
        try dir.write("tree/etc/config", "key=value\n")
        try dir.write("tree/bin/tool", "#!/bin/sh\necho tool\n", mode: 0o755)
        try dir.write("tree/b", "second\n")
        try dir.write("tree/a", "first\n", mode: 0o600)
        try dir.write("tree/dir/nested/deep", "deep\n")
        try dir.write("tree/dir/nested/" + longName, "a name too long for a ustar header\n")
        symlink("../etc/config", dir.appending("tree/bin/config-link"))
        symlink("/nowhere/absolute", dir.appending("tree/dangling"))
        link(dir.appending("tree/bin/tool"), dir.appending("tree/bin/tool-hardlink"))
        mkdir(dir.appending("tree/empty"), 0o750)
        for path in ["tree/etc/config", "tree/bin/tool", "tree/b", "tree/a", "tree/dir/nested/deep"] {
            var times = [timespec(tv_sec: 1_600_000_000, tv_nsec: 123), timespec(tv_sec: 1_600_000_000, tv_nsec: 456)]
            utimensat(AT_FDCWD, dir.appending(path), &times, 0)
        }
    }

    /// The paths of a layer blob's entries, in tar order.
    static func entryPaths(_ store: ImageStore, _ layer: WrittenLayer) throws -> [String] {
        let reader = try TarReader(path: store.blobs.path(of: layer.descriptor.digest))
        var paths: [String] = []
        while let entry = try reader.next() { paths.append(entry.pathname) }
        return paths
    }

    @Test("the same directory gives the same layer digest, in one store or two, sorted and uncompressed")
    func deterministic() throws {
        let dir = try TemporaryDirectory(prefix: "layer-src")
        try Self.makeTree(in: dir)
        let storeA = try ImageStore(root: dir.appending("storeA"))
        let storeB = try ImageStore(root: dir.appending("storeB"))
        let first = try storeA.writeLayer(fromDirectory: dir.appending("tree"))
        let second = try storeA.writeLayer(fromDirectory: dir.appending("tree"))
        let third = try storeB.writeLayer(fromDirectory: dir.appending("tree"))
        #expect(first == second)
        #expect(first.descriptor.digest == third.descriptor.digest)
        #expect(first.diffID == first.descriptor.digest)
        #expect(first.descriptor.mediaType == "application/vnd.oci.image.layer.v1.tar")
        #expect(try store(storeA, matches: first))
        let paths = try Self.entryPaths(storeA, first).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        #expect(paths == ["a", "b", "bin", "bin/config-link", "bin/tool", "bin/tool-hardlink", "dangling", "dir",
                          "dir/nested", "dir/nested/deep", "dir/nested/" + Self.longName, "empty", "etc", "etc/config"])

        // Long names need a pax header, whose name must not carry the process id (it would vary).
        let raw = String(decoding: try TestFiles.read(storeA.blobs.path(of: first.descriptor.digest)), as: UTF8.self)
        #expect(raw.contains("PaxHeader/"))
        #expect(!raw.contains("PaxHeaders.\(getpid())"))

        // A change to one byte is a different layer.
        try dir.write("tree/b", "changed\n")
        #expect(try storeA.writeLayer(fromDirectory: dir.appending("tree")).diffID != first.diffID)
    }

    private func store(_ store: ImageStore, matches layer: WrittenLayer) throws -> Bool {
        Digest.sha256(of: try TestFiles.read(store.blobs.path(of: layer.descriptor.digest))) == layer.descriptor.digest
    }

    @Test("unpacking gives back the files, modes, times, symlinks and hardlinks")
    func roundTrip() throws {
        let dir = try TemporaryDirectory(prefix: "layer-roundtrip")
        try Self.makeTree(in: dir)
        let store = try ImageStore(root: dir.appending("store"))
        let layer = try store.writeLayer(fromDirectory: dir.appending("tree"))
        let out = dir.appending("out")
        let count = try store.unpack(layer.descriptor, into: out)
        #expect(count == layer.entryCount)
        #expect(try TestFiles.readText(out + "/etc/config") == "key=value\n")
        #expect(try TestFiles.readText(out + "/dir/nested/deep") == "deep\n")
        var info = stat(), other = stat()
        #expect(lstat(out + "/a", &info) == 0 && info.st_mode & 0o7777 == 0o600 && info.st_mtim.tv_sec == 1_600_000_000)
        #expect(lstat(out + "/bin/tool", &info) == 0 && info.st_mode & 0o7777 == 0o755)
        #expect(lstat(out + "/bin/tool-hardlink", &other) == 0 && other.st_ino == info.st_ino)
        #expect(lstat(out + "/empty", &info) == 0 && info.st_mode & 0o7777 == 0o750)
        #expect(try DirectoryWalk.readLink(out + "/bin/config-link") == "../etc/config")
        #expect(try DirectoryWalk.readLink(out + "/dangling") == "/nowhere/absolute")
        #expect(lstat(out, &info) == 0 && info.st_mode & 0o7777 == 0o755)
    }

    @Test("a gzip-compressed layer is read too (libarchive detects it)")
    func gzip() throws {
        let dir = try TemporaryDirectory(prefix: "layer-gzip")
        try dir.write("tree/file", "compressed\n")
        let store = try ImageStore(root: dir.appending("store"))
        let plain = try store.writeLayer(fromDirectory: dir.appending("tree"))
        let gzipped = try HostCommand.output("/bin/sh", ["-c", "gzip -c < '\(store.blobs.path(of: plain.descriptor.digest))' > '\(dir.appending("layer.gz"))'"])
        #expect(gzipped.isEmpty)
        let bytes = try TestFiles.read(dir.appending("layer.gz"))
        let descriptor = try store.blobs.write(bytes, mediaType: MediaType.layerTarGzip)
        #expect(try store.unpack(descriptor, into: dir.appending("out")) == 1)
        #expect(try TestFiles.readText(dir.appending("out/file")) == "compressed\n")
    }

    @Test("a corrupt layer blob is refused, naming its digest, and leaves no layer directory")
    func corruptLayer() throws {
        let dir = try TemporaryDirectory(prefix: "layer-corrupt")
        try dir.write("tree/file", "original content\n")
        let store = try ImageStore(root: dir.appending("store"))
        let layer = try store.writeLayer(fromDirectory: dir.appending("tree"))
        let path = store.blobs.path(of: layer.descriptor.digest)
        var bytes = try TestFiles.read(path)
        bytes[600] ^= 0x20  // inside the file's data: the tar still parses, the digest does not match
        chmod(path, 0o644)
        let fd = open(path, O_WRONLY | O_TRUNC)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect {
            _ = try store.unpack(layer.descriptor, into: store.layersPath + "/" + layer.diffID.hex)
        } throws: { error in
            (error as? ImageStoreError)?.code == .corruptBlob && "\(error)".contains(layer.descriptor.digest.string)
        }
        #expect(try DirectoryWalk.sortedNames(in: store.layersPath).isEmpty)
    }
}
