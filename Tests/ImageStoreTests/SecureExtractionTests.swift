#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import OCI
import Testing
import TestSupport

/// Evil tarballs, crafted with libarchive (through the layer writer, which writes whatever it is
/// given), must never write outside the layer directory.
@Suite("Secure layer extraction")
struct SecureExtractionTests {
    static let time: Int64 = 1_700_000_000

    static func file(_ path: String, _ text: String = "pwned\n") -> LayerEntry {
        LayerEntry(path: path, kind: .regularFile(.bytes(Array(text.utf8))), permissions: 0o644, modificationTime: time)
    }
    static func symlink(_ path: String, _ target: String) -> LayerEntry {
        LayerEntry(path: path, kind: .symlink(target: target), permissions: 0o777, modificationTime: time)
    }
    static func hardlink(_ path: String, _ target: String) -> LayerEntry {
        LayerEntry(path: path, kind: .hardlink(target: target), permissions: 0o644, modificationTime: time)
    }
    static func directory(_ path: String) -> LayerEntry {
        LayerEntry(path: path, kind: .directory, permissions: 0o755, modificationTime: time)
    }

    /// Writes `entries` as a layer and unpacks it the way the runtime does; returns the error.
    static func unpackError(_ entries: (String) -> [LayerEntry]) throws -> (ImageStoreError?, TemporaryDirectory) {
        let dir = try TemporaryDirectory(prefix: "evil")
        mkdir(dir.appending("outside"), 0o755)
        let store = try ImageStore(root: dir.appending("root"))
        let layer = try store.writeLayer(entries: entries(dir.appending("outside")))
        do {
            _ = try store.unpack(layer.descriptor, into: store.layersPath + "/" + layer.diffID.hex)
            return (nil, dir)
        } catch let error as ImageStoreError {
            #expect(try DirectoryWalk.sortedNames(in: store.layersPath).isEmpty, "a refused layer leaves nothing behind")
            return (error, dir)
        }
    }

    @Test("entries with '..' or absolute paths are refused, naming the entry",
          arguments: ["../escape", "a/../../escape", "/abs-escape", "./../escape"])
    func refusesPaths(_ path: String) throws {
        let (error, dir) = try Self.unpackError { _ in [Self.file(path)] }
        let refused = try #require(error)
        #expect(refused.code == .unsafeLayer)
        #expect(refused.message.contains(path))
        #expect(!FileSystem.exists(dir.appending("escape")))
        #expect(!FileSystem.exists(dir.appending("root/escape")))
        #expect(!FileSystem.exists("/abs-escape"))
    }

    @Test("a file below a symlink to a host directory is refused: extraction never writes through a link",
          arguments: ["absolute", "relative"])
    func refusesWritingThroughSymlinks(_ style: String) throws {
        let (error, dir) = try Self.unpackError { outside in
            [Self.symlink("link", style == "absolute" ? outside : "../../../outside"), Self.file("link/pwned")]
        }
        #expect(error?.code == .unsafeLayer)
        #expect(error?.message.contains("link") == true)
        #expect(!FileSystem.exists(dir.appending("outside/pwned")))
    }

    @Test("a file replacing a symlink replaces the link, never the file it points to")
    func replacesSymlinks() throws {
        let (error, dir) = try Self.unpackError { outside in
            [Self.symlink("victim", outside + "/host-file"), Self.file("victim", "layer content\n")]
        }
        #expect(error == nil)
        #expect(!FileSystem.exists(dir.appending("outside/host-file")))
    }

    @Test("hardlinks must name a file inside the layer",
          arguments: ["../../../../etc/passwd", "/etc/passwd", "missing-target", "link-dir/passwd"])
    func refusesHardlinks(_ target: String) throws {
        let (error, _) = try Self.unpackError { _ in
            [Self.symlink("link-dir", "/etc"), Self.hardlink("stolen", target)]
        }
        #expect(error?.code == .unsafeLayer)
    }

    @Test("a hardlink to a symlink links the symlink itself")
    func hardlinkToSymlink() throws {
        let (error, _) = try Self.unpackError { _ in
            [Self.symlink("passwd-link", "/etc/passwd"), Self.hardlink("alias", "passwd-link")]
        }
        #expect(error == nil)
    }

    @Test("symlinks may point anywhere: they are resolved later, inside the container's root")
    func symlinksAnywhere() throws {
        let (error, _) = try Self.unpackError { _ in
            [Self.symlink("up", "../../../../.."), Self.symlink("abs", "/etc/shadow")]
        }
        #expect(error == nil)
    }

    @Test("whiteouts that name nothing are refused", arguments: [".wh.", ".wh..", ".wh...", ".wh.dir/x"])
    func refusesBadWhiteouts(_ path: String) throws {
        let (error, _) = try Self.unpackError { _ in [Self.file(path, "")] }
        #expect(error?.code == .unsafeLayer)
    }
}
