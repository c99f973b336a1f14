/// /proc/PID/stat, the kernel's one-line account of a process: its state and its start time,
/// which with the pid names one process for good (a pid alone may be reused after it exits).
package enum ProcessStat {
    /// Field 22, the start time in clock ticks since boot. Field 2 (the command name) may hold
    /// spaces and parentheses, so the fields are counted from its closing one.
    package static func startTime(in text: String) -> UInt64? {
        guard let end = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: end)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// Field 3, the state letter: R running, S sleeping, Z a zombie (exited, not yet reaped), …
    package static func state(in text: String) -> Character? {
        guard let end = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: end)...].split(separator: " ").first?.first
    }
}
