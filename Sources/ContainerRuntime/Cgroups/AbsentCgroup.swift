import Explain
import LinuxKernel

/// A container without a cgroup of its own: rootless dockyard where no cgroup was delegated to
/// the user (cgroup v1, or v2 whose controllers systemd did not delegate). Its processes stay
/// in the cgroup of the command that started them, so nothing is limited, counted or frozen —
/// which is why asking for a limit fails up front (`CgroupHost.checkLimits`) rather than being
/// ignored. Devices are confined without the devices controller: in a user namespace every
/// mount is `nodev`, so a node the container makes with mknod cannot be opened.
struct AbsentCgroup: CgroupManager {
    /// Why there is no cgroup, as `CgroupHost.unavailable` says it.
    let reason: String

    var paths: [String] { [] }
    func create(limits: ResourceLimits, kernel: any Kernel) throws {
        try CgroupHost.unavailable(reason: reason).checkLimits(limits)
        kernel.events.emit(Event(.note("no cgroup for this container (rootless): \(reason)")))
    }
    func setLimits(_ limits: ResourceLimits, changed: LimitChange, kernel: any Kernel) throws {
        try CgroupHost.unavailable(reason: reason).checkLimits(limits)
    }
    func restrictDevices(to rules: [DeviceRule], kernel: any Kernel) throws {}
    func add(pid: Int32, kernel: any Kernel) throws {}
    func oomKilled(kernel: any Kernel) -> Bool { false }
    func remove(kernel: any Kernel) throws {}
    func usage(kernel: any Kernel) -> CgroupUsage { CgroupUsage() }
    func setFrozen(_ frozen: Bool, kernel: any Kernel) throws {
        throw RuntimeError(code: .invalidArgument, "pause needs the cgroup freezer, and this container has no cgroup: \(reason)")
    }
    func processes(kernel: any Kernel) -> [Int32] { [] }
}
