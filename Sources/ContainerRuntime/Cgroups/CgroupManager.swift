import LinuxKernel

/// One container's cgroup: the kernel object that counts and limits the memory, CPU time and
/// processes of everything inside it. A v1 host has one directory per controller; a v2 host one.
public protocol CgroupManager: Sendable {
    /// The directories this cgroup has, one per hierarchy. Record them before `create`.
    var paths: [String] { get }
    /// mkdir the cgroup and write the limits into its control files.
    func create(limits: ResourceLimits, kernel: any Kernel) throws
    /// Move a process into the cgroup (its children follow it).
    func add(pid: Int32, kernel: any Kernel) throws
    /// Whether the kernel's OOM killer killed a process in this cgroup.
    func oomKilled(kernel: any Kernel) -> Bool
    /// rmdir the cgroup; it must be empty of processes.
    func remove(kernel: any Kernel) throws
}

extension CgroupManager {
    public func remove(kernel: any Kernel) throws {
        try removeDirectories(paths, kernel: kernel)
        // The shared `dockyard` parents go too once the last container is gone, so a host
        // with no containers has no trace of Dockyard in its cgroup tree.
        for parent in Set(paths.map(parentDirectory)).sorted() {
            kernel.removeCgroupIfUnused(parent)
        }
    }
}

func parentDirectory(_ path: String) -> String {
    String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
}

/// rmdir each path. A cgroup whose last process has just died can still report EBUSY for a
/// moment while the kernel finishes tearing the processes down, so retry briefly.
func removeDirectories(_ paths: [String], kernel: any Kernel) throws {
    for path in paths {
        var attempt = 0
        while true {
            do {
                try kernel.removeCgroup(path)
                break
            } catch let error as KernelError where error.errno == 16 && attempt < 50 {  // EBUSY
                attempt += 1
                usleepMilliseconds(2)
            }
        }
    }
}

/// A cgroup known only by the paths a container record kept: enough to remove it.
struct RecordedCgroup: CgroupManager {
    let paths: [String]
    func create(limits: ResourceLimits, kernel: any Kernel) throws {}
    func add(pid: Int32, kernel: any Kernel) throws {}
    func oomKilled(kernel: any Kernel) -> Bool { false }
}
