import HostSystem
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite("Reading and writing file descriptors")
struct FileDescriptorTests {
    @Test("bytes written to a pipe come back whole, in order, then the end")
    func pipeRoundTrip() throws {
        let pipe = try Pipe()
        defer { pipe.readEnd.close() }
        let bytes = (0..<10_000).map { UInt8($0 % 251) }
        try pipe.writeEnd.writeAll(bytes)
        pipe.writeEnd.close()
        #expect(try pipe.readEnd.read(upTo: 16) == Array(bytes[0..<16]))
        #expect(try pipe.readEnd.readAll() == Array(bytes[16...]))
        #expect(try pipe.readEnd.read(upTo: 16) == [])
    }

    @Test("a copy moves everything from one descriptor to another")
    func copy() throws {
        let first = try Pipe(), second = try Pipe()
        defer { first.readEnd.close(); second.readEnd.close() }
        try first.writeEnd.writeAll("a copy\n")
        first.writeEnd.close()
        try first.readEnd.copyAll(to: second.writeEnd)
        second.writeEnd.close()
        #expect(try second.readEnd.readAll() == Array("a copy\n".utf8))
    }

    @Test("opening a missing file names the call and the path")
    func missingFile() {
        #expect(throws: SystemCallError("open", path: "/nonexistent/dockyard", errno: ENOENT)) {
            try FileDescriptor.open("/nonexistent/dockyard", O_RDONLY)
        }
    }
}
