#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import OCI
import Testing
import TestSupport

@Suite("Content-addressed blobs")
struct BlobStoreTests {
    @Test("a blob written is read back, named by its digest, and the layout is in place")
    func roundTrip() throws {
        let root = try TemporaryDirectory(prefix: "blobs")
        let store = try ImageStore(root: root.path)
        let bytes = Array("hello, layers".utf8)
        let descriptor = try store.blobs.write(bytes, mediaType: MediaType.imageConfig)
        #expect(descriptor.digest == Digest.sha256(of: bytes))
        #expect(descriptor.size == Int64(bytes.count))
        #expect(store.blobs.path(of: descriptor.digest) == root.path + "/image/blobs/sha256/" + descriptor.digest.hex)
        #expect(try store.blobs.read(descriptor) == bytes)
        #expect(try TestFiles.readText(root.path + "/image/oci-layout") == #"{"imageLayoutVersion":"1.0.0"}"#)
        #expect(try store.readIndex().manifests.isEmpty)
        // No temp files left behind.
        #expect(try DirectoryWalk.sortedNames(in: store.blobs.directory) == [descriptor.digest.hex])
    }

    @Test("a blob whose bytes changed on disk is an error naming its digest")
    func corruption() throws {
        let root = try TemporaryDirectory(prefix: "corrupt")
        let store = try ImageStore(root: root.path)
        let descriptor = try store.blobs.write(Array("original".utf8), mediaType: MediaType.imageConfig)
        let path = store.blobs.path(of: descriptor.digest)
        chmod(path, 0o644)
        try root.write("image/blobs/sha256/" + descriptor.digest.hex, "tampered")
        #expect {
            _ = try store.blobs.read(descriptor.digest)
        } throws: { error in
            guard let error = error as? ImageStoreError else { return false }
            return error.code == .corruptBlob && error.message.contains(descriptor.digest.string)
        }
    }

    @Test("a missing blob is an error naming its digest")
    func missing() throws {
        let root = try TemporaryDirectory(prefix: "missing")
        let store = try ImageStore(root: root.path)
        let digest = Digest.sha256(of: Array("never stored".utf8))
        #expect {
            _ = try store.blobs.read(digest)
        } throws: { error in
            (error as? ImageStoreError)?.code == .blobNotFound && "\(error)".contains(digest.string)
        }
    }
}

@Suite("Clean-up after a crash")
struct SweepTests {
    @Test("temp files of dead writers are removed; those of live writers stay")
    func sweep() throws {
        let root = try TemporaryDirectory(prefix: "sweep")
        let store = try ImageStore(root: root.path)
        let dead: pid_t = 999_999_999 % 4_194_304 + 4_194_304  // above pid_max: never a live process
        try root.write("image/blobs/sha256/.tmp-\(dead)-1", "partial")
        mkdir(store.layersPath + "/.tmp-abcdef012345-\(dead)-7", 0o700)
        try root.write("image/blobs/sha256/.tmp-\(getpid())-2", "in progress")
        store.removeAbandonedTemporaries()
        #expect(try DirectoryWalk.sortedNames(in: store.blobs.directory) == [".tmp-\(getpid())-2"])
        #expect(try DirectoryWalk.sortedNames(in: store.layersPath).isEmpty)
    }
}
