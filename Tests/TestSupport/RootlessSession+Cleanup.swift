import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension RootlessSession {
    /// Ends the session and says what it left behind, one sentence per leak (empty: nothing).
    ///
    /// While the holder lives: containers still recorded (removed, so the rest can be checked),
    /// then mounts under the storage root in the holder's mount namespace — with every container
    /// gone there must be none. Then the holder gets SIGTERM; its mount namespace dies with it and
    /// its user namespace with the last process in it. Afterwards no process of the user may be
    /// left (`pgrep -u`), none in the session's user namespace (container processes run as the
    /// user's subordinate ids, which pgrep -u does not name), and no mount under the storage root
    /// on the host. Last, the workspace is removed as root: the files there belong to ids 165536…
    public func finish() -> [String] {
        var leaks: [String] = []
        let namespace = holderPID.flatMap(RunningProcess.userNamespace(of:))
        if holderPID != nil {
            let left = ((try? run(["ps", "-aq"]))?.stdout ?? "").split(separator: "\n").map(String.init)
            if !left.isEmpty {
                leaks.append("containers still recorded: \(left.joined(separator: " "))")
                _ = try? run(["rm", "-f"] + left)
            }
            leaks += mountsInHolder().map { "mount left in the holder's mount namespace: \($0)" }
        }
        leaks += stopHolders()

        let gone = waitUntil(seconds: 5) { userProcesses(namespace: namespace).isEmpty }
        if !gone {
            leaks += userProcesses(namespace: namespace).map { "process left: \($0)" }
        }
        leaks += Self.mounts(under: storage, in: "/proc/self/mountinfo").map { "mount left on the host: \($0)" }
        if let removed = try? DockyardProcess.capture(["/bin/rm", "-rf", workspace]), removed.status != 0 {
            leaks.append("rm -rf \(workspace) failed: \(removed.stderr)")
        }
        return leaks
    }

    /// SIGTERM to this session's holder, and to any other `dockyard-holder` of the user that
    /// lives in the same user namespace (a holder whose pid file was lost). A holder still alive
    /// two seconds later is a leak (reported with the signals it blocks) and gets SIGKILL, so
    /// that the rest of the cleanup can go on.
    private func stopHolders() -> [String] {
        guard let pid = holderPID else { return [] }
        let namespace = RunningProcess.userNamespace(of: pid)
        let holders = RunningProcess.all().filter { process in
            process.pid == pid || (process.name == "dockyard-holder" && process.uid == user.uid && process.userNamespace == namespace)
        }
        for holder in holders { kill(holder.pid, SIGTERM) }
        if waitUntil(seconds: 2, { holders.allSatisfy { RunningProcess.live($0.pid) == nil } }) { return [] }
        return holders.compactMap { RunningProcess.live($0.pid) }.map { holder in
            kill(holder.pid, SIGKILL)
            return "holder \(holder.pid) did not exit on SIGTERM (SigBlk \(holder.blockedSignals)); killed it"
        }
    }

    /// Processes of the user (what `pgrep -u dockyard-rootless` lists) and any in `namespace`.
    private func userProcesses(namespace: String?) -> [RunningProcess] {
        RunningProcess.all().filter { process in
            !process.isZombie && (process.uid == user.uid || (namespace != nil && process.userNamespace == namespace))
        }
    }

    private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
