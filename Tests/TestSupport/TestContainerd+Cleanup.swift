import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `TestContainerd.stop()` removes, step by step, and what a test can check is gone:
/// tasks and containers (through the daemon, while it runs), shims (processes of their own that
/// outlive the daemon), the cgroups runc made, and any mount under the workspace.
extension TestContainerd {
    /// Kills every task of this namespace and deletes it, then every container (with its snapshot).
    func removeTasksAndContainers() {
        for task in listed(["tasks", "ls", "-q"]) {
            _ = try? ctr(["tasks", "kill", "--signal", "SIGKILL", task], timeout: 10)
            _ = try? ctr(["tasks", "delete", "--force", task], timeout: 10)
        }
        for container in listed(["containers", "ls", "-q"]) {
            _ = try? ctr(["containers", "delete", container], timeout: 10)
        }
    }

    /// The pids of shims this daemon started that are still running: a shim is its own process
    /// (`containerd-shim-runc-v2 -namespace NS -id ID -address SOCKET`) and lives on after the daemon.
    public func shimProcesses() -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let flag = arguments.firstIndex(of: "-address"), flag + 1 < arguments.count else { return false }
            return arguments[0].hasSuffix("containerd-shim-runc-v2") && arguments[flag + 1] == socketPath
        }
    }

    /// Mounts under the workspace that this process's mount namespace (the host's) holds.
    public func mountsUnderWorkspace() -> [String] {
        RootlessSession.mounts(under: workspacePath, in: "/proc/self/mountinfo")
    }

    /// The cgroup directories of this namespace still present (`/sys/fs/cgroup/CONTROLLER/NAMESPACE`).
    public func cgroupDirectories() -> [String] {
        let controllers = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? []
        return controllers.sorted().map { "/sys/fs/cgroup/\($0)/\(namespace)" }.filter { isDirectory($0) }
    }

    /// SIGKILL to the shims still running, then a wait (they are not our children) until they are gone.
    func killLeftoverShims() {
        let shims = shimProcesses()
        for pid in shims { kill(pid, SIGKILL) }
        let deadline = ContinuousClock.now + .seconds(5)
        while !shimProcesses().isEmpty && ContinuousClock.now < deadline { usleep(10_000) }
    }

    /// Removes this namespace's cgroups, children first: a cgroup directory goes with rmdir once
    /// it has no processes and no child cgroups (its control files are not real files).
    func removeCgroups() {
        for directory in cgroupDirectories() { removeCgroup(directory) }
    }

    private func removeCgroup(_ directory: String) {
        let children = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for child in children where isDirectory(directory + "/" + child) {
            removeCgroup(directory + "/" + child)
        }
        rmdir(directory)
    }

    /// Detaches anything still mounted under the workspace, deepest first. With the daemon in its
    /// own mount namespace there should be nothing; this is the guard should that ever change.
    func unmountLeftovers() {
        let points = mountsUnderWorkspace().compactMap { $0.split(separator: " ").dropFirst(4).first.map(String.init) }
        for point in points.sorted(by: { $0.count > $1.count }) {
            umount2(point, Int32(MNT_DETACH))
        }
    }

    private func listed(_ arguments: [String]) -> [String] {
        guard let result = try? ctr(arguments, timeout: 10), result.status == 0 else { return [] }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
