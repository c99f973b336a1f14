/// Which program a process runs: the file execve(2) last loaded, which /proc/PID/exe names.
/// A container's first process is cloned from dockyard and runs dockyard's setup plan (mounts,
/// pivot_root, capabilities) until it execs the container's command, so until then its exe is
/// dockyard's own binary. That is how `rm -f` tells a process still being set up — whose kill
/// its `run -d` would report as a failed start — from a container that has started.
enum ProcessImage {
    /// Whether `pid` has exec'd a program other than this dockyard binary; true as well when
    /// /proc cannot say (the process is gone, or not this user's to read), so that a caller
    /// waiting for it never waits on a process that is not there.
    static func hasLeftDockyard(pid: Int32) -> Bool {
        guard let own = ownBinary, let its = FileVersion(path: "/proc/\(pid)/exe") else { return true }
        return its != own
    }

    /// Waits, up to `seconds`, until `pid` has left dockyard: a container's record names its first
    /// process a moment before that process execs the container's command. `stop`, `kill` and
    /// `rm -f` wait so before they signal it.
    static func waitUntilExeced(pid: Int32, seconds: Int = 5) {
        let giveUp = ContinuousClock.now + .seconds(seconds)
        while !hasLeftDockyard(pid: pid) && ContinuousClock.now < giveUp { usleepMilliseconds(2) }
    }

    private static let ownBinary = FileVersion(path: "/proc/self/exe")
}
