import Explain

/// The seam between Dockyard and the Linux kernel. Every kernel effect the engine has goes
/// through a `Kernel`, which reports it as an `Event`; `LiveKernel` does it for real,
/// `SimulatedKernel` only tells what would happen (no root needed; still on Linux, like all of Dockyard).
public protocol Kernel: NetworkKernel, Sendable {   // NetworkKernel: bridges, veths, NAT (NetworkKernel.swift)
    /// Where this kernel reports what it does.
    var events: any EventSink { get }
    /// True for the simulation: nothing is created, values in events are made up. Asked only to
    /// mark events simulated, and to pick the host a kernel belongs to (`Kernel.host` in
    /// ContainerRuntime); everything else a simulation does differently is `SimulatedHost`'s.
    var isSimulated: Bool { get }

    /// mkdir a cgroup directory (and its parents).
    func createCgroup(_ path: String, version: Int, controller: String?) throws
    /// Write a value to a cgroup control file: a limit, or a pid joining the group.
    func writeCgroupFile(_ path: String, _ value: String) throws
    /// Read a cgroup control file; nil if it does not exist.
    func readCgroupFile(_ path: String) -> String?
    /// rmdir a cgroup directory; it must hold no process.
    func removeCgroup(_ path: String) throws
    /// cgroup v2's devices controller: load `filter` into the kernel and attach it to the cgroup
    /// directory `path`, where it decides every open and mknod of a device node by its processes.
    func attachDeviceFilter(_ filter: DeviceFilter, to path: String) throws

    /// rmdir a shared parent cgroup (e.g. /sys/fs/cgroup/memory/dockyard) if no container uses
    /// it any more; quietly leaves it when it still has children.
    func removeCgroupIfUnused(_ path: String)

    /// Write a small file the container will see (e.g. its /etc/hosts), and say why.
    func writeFile(_ path: String, contents: String, purpose: String) throws

    /// Make a container's writable layer: the overlayfs upperdir, its workdir, and the mount point.
    func createWritableLayer(upperdir: String, workdir: String, mountPoint: String) throws
    /// Remove a directory tree the engine owns (a writable layer, a container's state), saying what it was.
    func removeTree(_ path: String, what: String) throws
    /// Leave the removal of a finished container to a detached process, so the caller can exit
    /// first: rmdir `cgroups` once their last process is gone, each of `unusedParents` if nothing
    /// uses it any more, then the directory `tree`, while holding the container's lock (the
    /// descriptor `lock`). False if it could not start one; the caller then removes them itself.
    /// `atExit`: the caller exits next (the CLI's `run`); the process then takes over the
    /// caller's memory instead of a copy and starts once the caller has exited, whose exit then
    /// does not wait for that memory to be torn down.
    func removeInBackground(cgroups: [String], unusedParents: [String], tree: String, lock: Int32, atExit: Bool) -> Bool
    /// `--ipc shareable`: the container's /dev/shm as a tmpfs (`mount`) mounted on the host, in
    /// dockyard's own mount namespace, where the containers that join its IPC namespace can
    /// bind-mount it too (Docker's `mounts/shm`). The directory is made first.
    func mountSharedMemory(_ mount: Mount) throws
    /// Detaches what is mounted at `path` (umount2 with MNT_DETACH); nothing when nothing is.
    func unmountSharedMemory(at path: String)

    /// Clone the container's first process in new namespaces and run its setup plan up to exec.
    /// `beforeExec` runs once the process exists, while it builds its filesystem; the process
    /// does not exec until it returns (the runtime puts it in its cgroup there). Throws
    /// `LaunchError` if any step fails; the process is then reaped.
    func launch(_ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess

    /// `exec`: a new process in the namespaces of the running container whose first process is
    /// `target`, joining its cgroup in `beforeExec`. The filesystem parts of `launch` are ignored.
    func exec(into target: Int32, _ launch: ContainerLaunch, beforeExec: (Int32) throws -> Void) throws -> LaunchedProcess

    /// Wait for a process to end and decode its status.
    func wait(pid: Int32) throws -> ExitStatus
    /// Send a signal to a process.
    func signal(pid: Int32, _ signal: Int32) throws
    /// Pass the signals dockyard receives (SIGINT, SIGTERM, …) on to `pid`; nil stops.
    func forwardSignals(to pid: Int32?)
}
