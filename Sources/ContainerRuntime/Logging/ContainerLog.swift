import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// A detached container's output, kept as Docker's json-file driver keeps it: one JSON object
/// per line, `{"log":"text\n","stream":"stdout","time":"2026-11-29T10:20:00.123456789Z"}`, in
/// `<container>/container.log`, and with `--log-opt max-size` rotated into `container.log.1`,
/// `.2`, … (the highest the oldest). The monitor writes it; `dockyard logs` reads it.
public enum ContainerLog {
    /// One line of output.
    public struct Entry: Codable, Sendable, Equatable {
        public var log: String
        public var stream: String
        public var time: String

        public init(log: String, stream: String, time: String) {
            self.log = log
            self.stream = stream
            self.time = time
        }
    }

    public static func path(_ paths: ContainerPaths) -> String {
        paths.directory + "/container.log"
    }

    /// The files rotation made, oldest first, then the live one: `container.log.3`, `.2`, `.1`,
    /// `container.log` (those that exist).
    public static func files(_ path: String) -> [String] {
        var rotated: [String] = []
        while access(path + ".\(rotated.count + 1)", F_OK) == 0 { rotated.append(path + ".\(rotated.count + 1)") }
        return rotated.reversed() + [path]
    }

    /// The complete lines of `bytes` as entries; `end` is `offset` plus the bytes they took.
    static func decode(_ bytes: [UInt8], offset: Int) -> (entries: [Entry], end: Int) {
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

