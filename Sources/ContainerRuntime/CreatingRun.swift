import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The `run` process that created a container and is to start it itself, in the foreground
/// (Docker's client and daemon in one process): its pid and its start time in clock ticks
/// (/proc/PID/stat field 22), which together tell it from a later process given the same pid.
///
/// Recorded only for `run --rm`. If that process dies before the start (killed between create
/// and start), nobody will ever start the container, and `--rm` asked for it to go: the janitor
/// removes it. A `create --rm` container records none, and stays until a `start` runs it, as
/// in Docker; so does a `run -d --rm` one, which its monitor starts even if the `run` died.
public struct CreatingRun: Sendable, Equatable, Codable {
    public var pid: Int32
    public var startTime: UInt64

    /// This process, as `host` sees it; nil when /proc cannot say when it started.
    static func current(on host: any Host) -> CreatingRun? {
        let pid = getpid()
        return host.startTime(of: pid).map { CreatingRun(pid: pid, startTime: $0) }
    }

    /// Whether that process has exited: its pid is free, taken by a later process, or a zombie.
    var hasExited: Bool {
        guard let stat = ContainerRunnerFiles.read("/proc/\(pid)/stat") else { return true }
        return ProcessStat.startTime(in: stat) != startTime || ProcessStat.state(in: stat) == "Z"
    }
}
