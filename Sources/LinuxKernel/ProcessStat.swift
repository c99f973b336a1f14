/// /proc/PID/stat, the kernel's one-line account of a process: its state and its start time,
/// which with the pid names one process for good (a pid alone may be reused after it exits).
package enum ProcessStat {
    /// Field 22, the start time in clock ticks since boot.
    package static func startTime(in text: String) -> UInt64? {
        field(22, in: text).flatMap { UInt64(Substring($0)) }
    }

    /// Field 3, the state letter: R running, S sleeping, Z a zombie (exited, not yet reaped), …
    package static func state(in text: String) -> Character? {
        field(3, in: text).flatMap { Substring($0).first }
    }

    /// Field `number` (counted from 1, as proc(5) does) of the fields after field 2, the command
    /// name, which may hold spaces and parentheses: they are counted from its closing one. Bytes
    /// are split, not characters: `run` reads its own start time on every `--rm` start, and a
    /// split into Characters (grapheme breaking) cost 0.23 M instructions there.
    private static func field(_ number: Int, in text: String) -> Substring.UTF8View? {
        let bytes = text.utf8
        guard number > 2, let end = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = bytes[bytes.index(after: end)...].split(separator: UInt8(ascii: " "), maxSplits: number - 2)
        return fields.count > number - 3 ? fields[number - 3] : nil
    }
}
