#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import LinuxKernel
import Testing

@Suite("Reading a pipe line by line")
struct PipeLinesTests {
    @Test("lines keep their newline, a partial last line still arrives, and long output is not cut")
    func lines() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        let text = "a\nbc\n\n" + String(repeating: "x", count: 100_000) + "\nrest"
        let writer = fds[1]
        let bytes = Array(text.utf8)
        // The pipe holds 64 KiB: write from another thread while this one reads.
        DispatchQueue.global().async {
            _ = bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            close(writer)
        }
        var lines: [String] = []
        PipeLines.read(fds[0]) { lines.append(String(decoding: $0, as: UTF8.self)) }
        #expect(lines.count == 5)
        #expect(Array(lines.prefix(3)) == ["a\n", "bc\n", "\n"])
        #expect(lines[3].count == 100_001)
        #expect(lines.last == "rest")
    }
}
