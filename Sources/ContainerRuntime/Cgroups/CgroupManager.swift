import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// One container's cgroup: the kernel object that counts and limits the memory, CPU time and
/// processes of everything inside it. A v1 host has one directory per controller; a v2 host one.
public protocol CgroupManager: Sendable {
    /// The directories this cgroup has, one per hierarchy. Record them before `create`.
    var paths: [String] { get }
    /// mkdir the cgroup and write the limits into its control files.
    func create(limits: ResourceLimits, kernel: any Kernel) throws
    /// Writes `limits` into the existing cgroup's control files (`docker update`); a limit that
    /// is nil is written as "no limit" where `changed` names it.
    func setLimits(_ limits: ResourceLimits, changed: LimitChange, kernel: any Kernel) throws
    /// The devices controller: deny every device node, then allow exactly `rules` (v1 writes
    /// devices.deny and devices.allow; v2 attaches an eBPF program). Before the first process runs.
    func restrictDevices(to rules: [DeviceRule], kernel: any Kernel) throws
    /// Move a process into the cgroup (its children follow it).
    func add(pid: Int32, kernel: any Kernel) throws
    /// Whether the kernel's OOM killer killed a process in this cgroup.
    func oomKilled(kernel: any Kernel) -> Bool
    /// How many times the pids limit refused a fork (`max N` in pids.events), with that file's
    /// path; nil when it never did or the host has no pids controller.
    func forksRefused(kernel: any Kernel) -> (file: String, count: Int64)?
    /// rmdir the cgroup; it must be empty of processes.
    func remove(kernel: any Kernel) throws
    /// What the cgroup's processes use right now, from its accounting files.
    func usage(kernel: any Kernel) -> CgroupUsage
    /// Freezes (pause) or thaws (unpause) every process in the cgroup.
    func setFrozen(_ frozen: Bool, kernel: any Kernel) throws
    /// The host pids of the processes in the cgroup.
    func processes(kernel: any Kernel) -> [Int32]
    /// A directory a new process can be cloned straight into (cgroup v2), or nil when it has to
    /// be moved in with `add` after it exists (v1).
    var birthDirectory: String? { get }
    /// cgroup v1: the `tasks` file in each hierarchy, which a new process writes itself into
    /// before it execs (`LaunchPlan.Stage.joinCgroup`: no global lock, unlike `add`). Empty
    /// where it is born in its cgroup (v2) or has none.
    var taskFiles: [String] { get }
    /// What the container sees of this cgroup under /sys/fs/cgroup (CgroupView.swift).
    var insideView: [CgroupViewMount] { get }
}

extension CgroupManager {
    public func forksRefused(kernel: any Kernel) -> (file: String, count: Int64)? { nil }

    /// `max N` of the pids.events file in `directory`, when N > 0.
    func forksRefused(in directory: String, kernel: any Kernel) -> (file: String, count: Int64)? {
        let file = directory + "/pids.events"
        guard let text = kernel.readCgroupFile(file) else { return nil }
        let count = cgroupCounter(named: "max", in: text)
        return count > 0 ? (file, count) : nil
    }
    public var birthDirectory: String? { nil }
    public var taskFiles: [String] { [] }

    /// Sets on `launch` how its process gets into this cgroup by itself: born in it (v2,
    /// CLONE_INTO_CGROUP) or writing itself into each hierarchy (v1, `tasks`).
    public func admit(_ launch: inout ContainerLaunch) {
        launch.cgroupDirectory = birthDirectory
        launch.cgroupTaskFiles = taskFiles
    }

    /// The parent's part while the process waits: moving it in by pid, where `admit` found no way
    /// for it to enter by itself.
    public func moveIn(pid: Int32, of launch: ContainerLaunch, kernel: any Kernel) throws {
        if !launch.entersCgroupItself { try add(pid: pid, kernel: kernel) }
    }
}

/// A cgroup's accounting at one moment: what `docker stats` shows.
public struct CgroupUsage: Sendable, Equatable {
    /// CPU time used since the cgroup was made, in nanoseconds.
    public var cpuNanoseconds: UInt64
    public var memoryBytes: UInt64
    /// nil when there is no limit.
    public var memoryLimit: UInt64?
    public var pids: UInt64

    public init(cpuNanoseconds: UInt64 = 0, memoryBytes: UInt64 = 0, memoryLimit: UInt64? = nil, pids: UInt64 = 0) {
        self.cpuNanoseconds = cpuNanoseconds
        self.memoryBytes = memoryBytes
        self.memoryLimit = memoryLimit
        self.pids = pids
    }
}

/// A number from a one-value cgroup file, e.g. memory.current; nil for "max" or a missing file.
func cgroupNumber(_ path: String, kernel: any Kernel) -> UInt64? {
    kernel.readCgroupFile(path).flatMap { UInt64($0.split(separator: "\n").first ?? "") }
}

/// The pids listed in a cgroup.procs file.
func cgroupProcesses(_ path: String, kernel: any Kernel) -> [Int32] {
    (kernel.readCgroupFile(path + "/cgroup.procs") ?? "").split(separator: "\n").compactMap { Int32($0) }
}

extension CgroupManager {
    public func remove(kernel: any Kernel) throws {
        defer { for parent in parentsRemovedWhenUnused { kernel.removeCgroupIfUnused(parent) } }
        try removeDirectories(paths, kernel: kernel)
    }

    /// The shared `dockyard` parents go too once the last container is gone, so a host with no
    /// containers has no trace of Dockyard in its cgroup tree. A pod's cgroup sits between its
    /// containers' and `dockyard`: that goes too when empty. In the order they are tried.
    var parentsRemovedWhenUnused: [String] {
        Set(paths.map(parentDirectory)).sorted().flatMap { parent -> [String] in
            if let slash = parent.lastIndex(of: "/"), parent[slash...].hasPrefix("/" + CgroupHost.podGroupPrefix) {
                return [parent, parentDirectory(parent)]
            }
            return [parent]
        }
    }
}

func parentDirectory(_ path: String) -> String {
    String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
}

/// rmdir each path. A cgroup whose last process has just died can still report EBUSY for a
/// moment while the kernel finishes tearing the processes down, so retry for up to a second.
/// Every path is tried even if one fails; the first failure is thrown at the end.
func removeDirectories(_ paths: [String], kernel: any Kernel) throws {
    var failure: (any Error)?
    for path in paths {
        var attempt = 0
        while true {
            do {
                try kernel.removeCgroup(path)
                break
            } catch let error as KernelError where error.errno == 16 && attempt < 500 {  // EBUSY
                // A privileged container sees its cgroup writable and may have made cgroups
                // inside it, which keep it busy: those go first, deepest first (looked for only
                // now, so the usual removal lists nothing).
                if attempt == 0 { for child in childCgroups(path) { try? kernel.removeCgroup(child) } }
                attempt += 1
                usleepMilliseconds(2)
            } catch {
                failure = failure ?? error
                break
            }
        }
    }
    if let failure { throw failure }
}

/// The cgroups below `path`, deepest first (a cgroup directory's subdirectories are cgroups).
func childCgroups(_ path: String) -> [String] {
    let children = (DirectoryListing.names(atPath: path) ?? []).sorted().compactMap { name -> String? in
        let child = path + "/" + name
        var info = stat()
        return lstat(child, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? child : nil
    }
    return children.flatMap { childCgroups($0) + [$0] }
}

/// Which limits a `docker update` changes: only those control files are written.
public struct LimitChange: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let memory = LimitChange(rawValue: 1)
    public static let cpus = LimitChange(rawValue: 2)
    public static let pids = LimitChange(rawValue: 4)
}

/// A cgroup known only by the paths a container record kept: enough to remove it, and to put
/// an `exec`'d process into it. Which version it is shows in the directories themselves: a v1
/// cgroup has a `tasks` file in each hierarchy, v2 has none.
struct RecordedCgroup: CgroupManager {
    let paths: [String]
    func create(limits: ResourceLimits, kernel: any Kernel) throws {}
    func setLimits(_ limits: ResourceLimits, changed: LimitChange, kernel: any Kernel) throws {}

    private var isV1: Bool { paths.first.map { access($0 + "/tasks", F_OK) == 0 } ?? false }
    var taskFiles: [String] { isV1 ? paths.map { $0 + "/tasks" } : [] }
    var birthDirectory: String? {
        guard paths.count == 1, !isV1, access(paths[0] + "/cgroup.procs", F_OK) == 0 else { return nil }
        return paths[0]
    }

    /// Where neither applies (a simulated host, whose directories do not exist): by pid.
    func add(pid: Int32, kernel: any Kernel) throws {
        for path in paths { try kernel.writeCgroupFile(path + "/cgroup.procs", String(pid)) }
    }
    func restrictDevices(to rules: [DeviceRule], kernel: any Kernel) throws {}
    func oomKilled(kernel: any Kernel) -> Bool { false }
    func usage(kernel: any Kernel) -> CgroupUsage { CgroupUsage() }
    func setFrozen(_ frozen: Bool, kernel: any Kernel) throws {}
    func processes(kernel: any Kernel) -> [Int32] { paths.first.map { cgroupProcesses($0, kernel: kernel) } ?? [] }
}

extension CgroupManager {
    /// SIGKILL whatever is still in the cgroup: after a crash (the janitor), or when the first
    /// process of a container without a pid namespace of its own exited (its other processes do
    /// not die with it, as they do when it is pid 1 of its own namespace). Waits for them to go.
    public func killProcesses(kernel: any Kernel) {
        // A paused (frozen) process cannot die until it is thawed.
        for path in paths where path.contains("/freezer/") {
            try? kernel.writeCgroupFile(path + "/freezer.state", "THAWED")
        }
        for path in paths {
            guard let text = kernel.readCgroupFile(path + "/cgroup.procs") else { continue }
            for line in text.split(separator: "\n") {
                if let pid = Int32(line) { try? kernel.signal(pid: pid, SIGKILL) }
            }
        }
        // Give the kernel a moment to finish the kills before the rmdir.
        for path in paths {
            for _ in 0..<100 {
                guard let text = kernel.readCgroupFile(path + "/cgroup.procs"), !text.isEmpty else { break }
                usleepMilliseconds(2)
            }
        }
    }
}
