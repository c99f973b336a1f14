import Explain
import FoundationEssentials
import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension OCIRuntime {
    /// `kill ID SIGNAL`: to the container's first process, or with `all` to every process in
    /// its cgroup (what containerd asks when the container shares a pid namespace).
    public func kill(_ id: String, signal: Int32, all: Bool) throws {
        let state = try load(id)
        guard status(of: state) != "stopped" else { throw RuntimeError(code: .notRunning, "container not running") }
        let kernel = LiveKernel(events: DiscardingSink())
        let targets = all ? Self.cgroup(of: state).processes(kernel: kernel) : [state.pid]
        for pid in targets where Glibc.kill(pid, signal) != 0 && errno != ESRCH {
            throw RuntimeError(code: .system, "kill \(pid): \(KernelError.message(for: errno))")
        }
    }

    /// `delete [--force] ID`: a stopped (or only created) container's cgroup and state go, then
    /// its poststop hooks run; `force` kills a running one first.
    public func delete(_ id: String, force: Bool) throws {
        let state: OCIContainerState
        do { state = try load(id) } catch let error as RuntimeError where error.code == .notFound {
            // runc: deleting what is not there is no error with --force.
            if force { try? FileManager.default.removeItem(atPath: directory(id)); return }
            throw RuntimeError(code: .notFound, "container \(id) does not exist")
        }
        let status = status(of: state)
        if (status == "running" || status == "paused") && !force {
            throw RuntimeError(code: .conflict, "cannot delete container \(id) that is not stopped: \(status)")
        }
        let kernel = LiveKernel(events: DiscardingSink())
        destroy(state, cgroup: Self.cgroup(of: state), kernel: kernel)
        for hook in state.laterHooks.poststop {
            do { try OCIHook(hook).run(state: state.json(status: "stopped")) } catch { Self.warn("poststop hook: \(error)") }
        }
    }

    /// `ps --format json ID`: the host pids in the container's cgroup.
    public func processes(_ id: String) throws -> [Int32] {
        let state = try load(id)
        return Self.cgroup(of: state).processes(kernel: LiveKernel(events: DiscardingSink())).sorted()
    }

    /// `pause`/`resume`: the cgroup freezer, as `dockyard pause`.
    public func setPaused(_ id: String, _ paused: Bool) throws {
        let state = try load(id)
        let status = status(of: state)
        guard status == (paused ? "running" : "paused") else {
            throw RuntimeError(code: .conflict, paused ? "container not running" : "container not paused")
        }
        try Self.cgroup(of: state).setFrozen(paused, kernel: LiveKernel(events: DiscardingSink()))
    }
}
