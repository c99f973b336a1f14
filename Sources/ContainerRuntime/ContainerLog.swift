import Dispatch
import FoundationEssentials
import LinuxKernel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A detached container's output, kept as Docker's json-file driver keeps it: one JSON object
/// per line, `{"log":"text\n","stream":"stdout","time":"2026-11-29T10:20:00.123456789Z"}`, in
/// `<container>/container.log`. The monitor writes it; `dockyard logs` reads it.
public enum ContainerLog {
    /// One line of output.
    public struct Entry: Codable, Sendable, Equatable {
        public var log: String
        public var stream: String
        public var time: String
    }

    public static func path(_ paths: ContainerPaths) -> String {
        paths.directory + "/container.log"
    }

    /// Every entry so far (a trailing partial line is left for the next read).
    public static func read(_ path: String, from offset: Int = 0) -> (entries: [Entry], end: Int) {
        guard let data = FileManager.default.contents(atPath: path), data.count > offset else { return ([], offset) }
        let bytes = Array(data[offset...])
        var entries: [Entry] = []
        var consumed = 0
        var start = 0
        let decoder = JSONDecoder()
        for (index, byte) in bytes.enumerated() where byte == 10 {
            if let entry = try? decoder.decode(Entry.self, from: Data(bytes[start..<index])) { entries.append(entry) }
            start = index + 1
            consumed = start
        }
        return (entries, offset + consumed)
    }

    /// RFC 3339 with nanoseconds, as Docker stamps log lines.
    static func timestamp(_ date: Date = Date()) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = Int64(seconds.rounded(.down))
        let nanos = Int64((seconds - Double(whole)) * 1_000_000_000)
        let base = timestampSeconds(whole)
        let fraction = String(nanos)
        return String(base.dropLast()) + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` from seconds since the epoch (UTC).
    package static func timestampSeconds(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }
}

/// Copies a container's stdout and stderr, from two pipes, into its log file, line by line.
public final class ContainerLogWriter: @unchecked Sendable {
    public let standardOutput: Int32
    public let standardError: Int32
    private let readEnds: [Int32]
    private let file: Int32
    private let lock = Mutex(())
    private let done = DispatchGroup()

    public init(path: String) throws {
        file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard file >= 0 else { throw KernelError("open", path: path, errno: errno) }
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw KernelError("pipe", path: path, errno: errno) }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        standardOutput = out[1]
        standardError = err[1]
        readEnds = [out[0], err[0]]
        for (fd, stream) in [(out[0], "stdout"), (err[0], "stderr")] {
            done.enter()
            DispatchQueue.global().async { [self] in
                copy(fd, stream: stream)
                done.leave()
            }
        }
    }

    private func copy(_ fd: Int32, stream: String) {
        PipeLines.read(fd) { line in append(line, stream: stream) }
    }

    private func append(_ bytes: [UInt8], stream: String) {
        let entry = ContainerLog.Entry(log: String(decoding: bytes, as: UTF8.self), stream: stream,
                                       time: ContainerLog.timestamp())
        guard let json = try? JSONEncoder().encode(entry) else { return }
        var line = Array(json)
        line.append(10)
        lock.withLock { _ in
            _ = line.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        }
    }

    /// Closes the write ends (the container keeps its own copies until it exits) and waits until
    /// everything written has reached the file.
    public func finish() {
        close(standardOutput)
        close(standardError)
        done.wait()
        close(file)
    }
}
