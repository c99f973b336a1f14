import FoundationEssentials
import Explain
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// What the OCI runtime keeps of one container between its commands, in `<root>/<id>/state.json`
/// (runc keeps the same in its state.json): the process, its start time (so a recycled pid is
/// never mistaken for it), the bundle, the cgroup directories, recorded before they are made so
/// a failed create or a `delete` finds everything to remove.
struct OCIContainerState {
    var id: String
    /// The container's first process as the host sees it; 0 until it exists.
    var pid: Int32
    /// Field 22 of /proc/PID/stat: when `pid` started, in clock ticks since boot.
    var startTime: UInt64
    var bundle: String
    var rootfs: String
    /// RFC 3339 with nanoseconds, as runc writes it (containerd parses it as a Go time.Time).
    var created: String
    var annotations: [String: String]
    /// `linux.cgroupsPath` below each hierarchy's root, and its directories (recorded before
    /// they are made); `cpuset`: the v1 cpuset hierarchy is joined too.
    var cgroupGroup: String
    var cgroupPaths: [String]
    var cpuset: Bool
    /// v1's blkio, and net_cls with net_prio, joined for `linux.resources.blockIO` and `.network`.
    var blockIO = false
    var network = false
    /// The bundle's hooks that run after `create`, kept so later commands need not read it again.
    var laterHooks = OCILaterHooks()

    /// The status runtime.md defines: `created` while the process waits at the start fifo,
    /// `running` after, `paused` while its cgroup is frozen, `stopped` once it has exited.
    func status(fifo: String, frozen: () -> Bool) -> String {
        guard pid > 0, let stat = Self.stat(of: pid), stat.startTime == startTime, stat.state != "Z", stat.state != "X"
        else { return "stopped" }
        if access(fifo, F_OK) == 0 { return "created" }
        return frozen() ? "paused" : "running"
    }

    /// The state JSON of runtime.md ("State"), as `state` prints it and hooks read it on stdin.
    func json(status: String) -> String {
        var fields = [
            "\"ociVersion\": \"1.2.0\"",
            "\"id\": " + JSONText.quoted(id),
            "\"pid\": \(status == "stopped" ? 0 : pid)",
            "\"status\": \"\(status)\"",
            "\"bundle\": " + JSONText.quoted(bundle),
            "\"rootfs\": " + JSONText.quoted(rootfs),
            "\"created\": " + JSONText.quoted(created),
            "\"owner\": \"\"",
        ]
        let notes = annotations.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ": " + JSONText.quoted($0.value) }
        fields.append("\"annotations\": {" + notes.joined(separator: ", ") + "}")
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }

    /// State (field 3) and start time (field 22) of /proc/PID/stat; nil once the pid is gone.
    static func stat(of pid: Int32) -> (state: Character, startTime: UInt64)? {
        guard let text = readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        // After the command's ")": field 3 is first; field 22 is the 20th after it.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let start = UInt64(fields[19]) else { return nil }
        return (state, start)
    }

    /// A small kernel file (/proc/PID/stat, a cgroup's freezer state) with one read(2); nil
    /// when it cannot be opened. Foundation's readers cost tens of thousands of instructions a file.
    static func readSmallFile(_ path: String) -> String? {
        guard let file = try? FileDescriptor.open(path, O_RDONLY | O_CLOEXEC) else { return nil }
        defer { file.close() }
        guard let bytes = try? file.read(upTo: 4096, path: path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Now, as RFC 3339 with nanoseconds in UTC.
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var seconds = time.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let nanos = String(time.tv_nsec)
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))."
            + String(repeating: "0", count: max(0, 9 - nanos.count)) + nanos + "Z"
    }
}
