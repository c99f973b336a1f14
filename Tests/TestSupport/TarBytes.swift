import Foundation

/// A tar archive written byte by byte (POSIX ustar), so tests can craft exactly the entries a
/// hostile archive would carry — `../` names, absolute links, device nodes — which no polite
/// archiver would write.
public struct TarBytes {
    /// What one entry is.
    public enum Kind {
        case file([UInt8])
        case directory
        case symlink(String)
        case hardlink(String)
        case characterDevice(major: Int, minor: Int)
        case blockDevice(major: Int, minor: Int)
        case fifo
    }

    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends one entry. `path` must fit ustar's 100-byte name field (tests keep names short).
    public mutating func add(_ path: String, _ kind: Kind, mode: Int? = nil, modificationTime: Int = 1_700_000_000) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (i, byte) in text.utf8.prefix(width).enumerated() { header[offset + i] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        var content: [UInt8] = []
        var type: UInt8 = 0x30
        var link = ""
        var device = (0, 0)
        var defaultMode = 0o644
        switch kind {
        case let .file(data): content = data
        case .directory: type = 0x35; defaultMode = 0o755
        case let .symlink(target): type = 0x32; link = target; defaultMode = 0o777
        case let .hardlink(target): type = 0x31; link = target
        case let .characterDevice(major, minor): type = 0x33; device = (major, minor)
        case let .blockDevice(major, minor): type = 0x34; device = (major, minor)
        case .fifo: type = 0x36
        }
        put(path, at: 0, width: 100)
        octal(mode ?? defaultMode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(content.count, at: 124, width: 12)
        octal(modificationTime, at: 136, width: 12)
        header[156] = type
        put(link, at: 157, width: 100)
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        octal(device.0, at: 329, width: 8)
        octal(device.1, at: 337, width: 8)
        for i in 148..<156 { header[i] = 0x20 }
        let checksum = header.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, width: 7)
        bytes += header + content
        bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    /// The archive with its end marker (two zero blocks).
    public var finished: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    /// `bytes` compressed with the host's gzip (`-n`: no name or time, so the output is stable).
    public static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        try HostProcess.run("/bin/gzip", ["-n", "-c"], input: bytes).stdout
    }
}

/// Runs a host program to completion, feeding it `input`; used for gzip and sha256sum.
public enum HostProcess {
    public struct Result {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
    }

    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: [UInt8] = [],
                           environment: [String: String]? = nil) throws -> Result {
        // Input and stderr go through temp files, so no pipe can fill up and block either side.
        let scratch = try TemporaryDirectory(prefix: "process")
        let inputPath = scratch.appending("stdin"), errorPath = scratch.appending("stderr")
        try Data(input).write(to: URL(fileURLWithPath: inputPath))
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Result(status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: errData, as: UTF8.self))
    }
}
