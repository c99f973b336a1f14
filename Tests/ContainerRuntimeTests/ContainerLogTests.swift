@testable import ContainerRuntime
import FoundationEssentials
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Docker's json-file driver without a container: `--log-opt` checked with Docker's words, lines
/// rotated at `max-size` into at most `max-file` files, and a reader that follows a rotation
/// without losing or repeating a line.
struct ContainerLogTests {
    @Test("json-file's options: max-size in decimal units, max-file at least 1, Docker's errors otherwise")
    func options() throws {
        let config = try LogConfig(driver: "json-file", options: ["max-size=10m", "max-file=3"])
        #expect(try config.maxSize == 10_000_000 && (try config.maxFiles) == 3)
        #expect(LogConfig.decimalSize("1k") == 1000 && LogConfig.decimalSize("2KiB") == 2000 && LogConfig.decimalSize("1.5 MB") == 1_500_000)
        #expect(LogConfig.decimalSize("12") == 12 && LogConfig.decimalSize("ten") == nil && LogConfig.decimalSize("1x") == nil)
        func refused(_ driver: String, _ options: [String]) -> String {
            do { _ = try LogConfig(driver: driver, options: options); return "" } catch { return error.message }
        }
        #expect(refused("json-file", ["max-size=abc"]) == "invalid size: 'abc'")
        #expect(refused("json-file", ["max-size=0"]) == "max-size must be a positive number")
        #expect(refused("json-file", ["max-file=0"]) == "max-file cannot be less than 1")
        #expect(refused("json-file", ["max-file=x"]) == "strconv.Atoi: parsing \"x\": invalid syntax")
        #expect(refused("json-file", ["colour=red"]) == "unknown log opt 'colour' for json-file log driver")
        #expect(refused("json-file", ["compress=true"]).contains("not implemented by dockyard"))
        #expect(refused("syslog", []) == "logger: no log driver named 'syslog' is registered")
        #expect(refused("none", ["max-size=1k"]) == "invalid logging opts for driver none")
        #expect(try !LogConfig(driver: "none", options: []).keepsLogs)
    }

    /// Writes `lines` through a writer the way a container's stdout would.
    static func write(_ lines: [String], path: String, config: LogConfig) throws {
        let writer = try ContainerLogWriter(path: path, config: config)
        for line in lines {
            var text = line + "\n"
            _ = text.withUTF8 { Glibc.write(writer.standardOutput, $0.baseAddress, $0.count) }
        }
        writer.finish()
    }

    static func size(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    @Test("rotation keeps max-file files, each rotated one just past max-size, and every line in order across them")
    func rotation() throws {
        let directory = try TemporaryDirectory(prefix: "log")
        let path = directory.appending("container.log")
        let lines = (0..<100).map { "line \($0) " + String(repeating: "x", count: 40) }
        try Self.write(lines, path: path, config: try LogConfig(driver: "json-file", options: ["max-size=1k", "max-file=3"]))
        #expect(ContainerLog.files(path) == [path + ".2", path + ".1", path])
        #expect(Self.size(path + ".3") == nil, "max-file=3 keeps three files")
        let lineSize = Int64(Array(try JSONEncoder().encode(ContainerLog.Entry(log: lines[0] + "\n", stream: "stdout",
                                                                               time: ContainerLog.timestamp()))).count + 1)
        for rotated in [path + ".1", path + ".2"] {
            let size = try #require(Self.size(rotated))
            #expect(size >= 1000 && size < 1000 + lineSize, "\(rotated): \(size) bytes")
        }
        #expect(try #require(Self.size(path)) < 1000)
        let kept = ContainerLogReader(path: path).history().map(\.log)
        #expect(!kept.isEmpty && kept == lines.suffix(kept.count).map { $0 + "\n" }, "the newest lines, in order, none missing")
    }

    @Test("max-file=1 empties the one file instead of rotating it")
    func truncation() throws {
        let directory = try TemporaryDirectory(prefix: "log")
        let path = directory.appending("container.log")
        try Self.write((0..<50).map { "line \($0)" }, path: path, config: try LogConfig(driver: "json-file", options: ["max-size=500"]))
        #expect(ContainerLog.files(path) == [path])
        #expect(try #require(Self.size(path)) < 500)
    }

    @Test("the none driver writes no file")
    func noneDriver() throws {
        let directory = try TemporaryDirectory(prefix: "log")
        let path = directory.appending("container.log")
        try Self.write(["hello"], path: path, config: try LogConfig(driver: "none", options: []))
        #expect(Self.size(path) == nil)
    }

    @Test("a reader that follows the log sees every line once, also when it rotated several times between two reads")
    func followAcrossRotation() throws {
        let directory = try TemporaryDirectory(prefix: "log")
        let path = directory.appending("container.log")
        // About two lines a file, and enough files that none is dropped before the reader gets to it.
        let writer = try ContainerLogWriter(path: path, config: try LogConfig(driver: "json-file", options: ["max-size=100", "max-file=30"]))
        let reader = ContainerLogReader(path: path)
        var seen = reader.history().map(\.log)
        for index in 0..<20 {
            var text = "line \(index)\n"
            _ = text.withUTF8 { Glibc.write(writer.standardOutput, $0.baseAddress, $0.count) }
            // The writer's thread stores it (and may rotate): wait until it is on disk.
            for _ in 0..<500 where ContainerLogReader(path: path).history().count <= index { usleep(1000) }
            // Read every fifth line: by then the log has rotated two or three times.
            if index % 5 == 4 { seen += reader.more().map(\.log) }
        }
        writer.finish()
        seen += reader.more().map(\.log)
        #expect(seen == (0..<20).map { "line \($0)\n" })
        #expect(ContainerLog.files(path).count > 8, "the test rotated")
    }
}
