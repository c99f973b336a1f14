import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite("Replacing a file whole")
struct AtomicFileTests {
    static func scratchDirectory() -> String {
        var template = Array("/tmp/dockyard-atomic-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template))
    }

    @Test("the new bytes replace the old with the given mode, and no temporary file is left", arguments: [true, false])
    func replaces(durable: Bool) throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.json"
        try AtomicFile.replace(Array("old".utf8), at: path, durable: durable)
        try AtomicFile.replace(Array("new".utf8), at: path, mode: 0o600, durable: durable)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["state.json"])
    }

    @Test("a file that cannot be replaced says why, and leaves nothing behind")
    func failure() throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The target is a directory that is not empty: rename(2) refuses to put a file over it.
        try FileManager.default.createDirectory(atPath: directory + "/taken/inside", withIntermediateDirectories: true)
        #expect(throws: SystemCallError.self) { try AtomicFile.replace([1], at: directory + "/taken", durable: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["taken"])
        #expect(throws: SystemCallError.self) { try AtomicFile.replace([1], at: directory + "/missing/file", durable: false) }
    }
}
