import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The root directory of a running container as its processes see it: /proc/PID/root of its
/// first process, a view of the container's mount namespace (its overlay, /proc, volumes) that
/// `cp` resolves paths in with RESOLVE_IN_ROOT.
///
/// /proc/PID is opened first and held: that fd names one process even if the pid is reused
/// later, and its start time tells the container's pid 1 from a host process that got the same
/// pid after the container died — whose root would be the host's `/`.
enum RunningContainerRoot {
    /// An O_PATH fd of the root of process `pid`, if it started at `startTime` (clock ticks).
    static func open(pid: Int32, startTime: UInt64?, name: String) throws -> Int32 {
        let process = Glibc.open("/proc/\(pid)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard process >= 0 else { throw RuntimeError(code: .notRunning, "cannot open the root of container \(name): it is not running") }
        defer { close(process) }
        guard startTime == nil || Self.startTime(of: process) == startTime else {
            throw RuntimeError(code: .notRunning, "cannot open the root of container \(name): it is not running")
        }
        let fd = openat(process, "root", RootedPath.pathOnly | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw RuntimeError(code: .system, "cannot open the root of container \(name)",
                               cause: KernelError("openat", path: "/proc/\(pid)/root", errno: errno))
        }
        return fd
    }

    /// The start time in the held /proc/PID directory's `stat` (ProcessStat).
    private static func startTime(of process: Int32) -> UInt64? {
        let fd = openat(process, "stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let bytes = try? FileDescriptor(rawValue: fd).read(upTo: 1024) else { return nil }
        return ProcessStat.startTime(in: String(decoding: bytes, as: UTF8.self))
    }
}
