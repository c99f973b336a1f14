import LinuxKernel

extension CgroupV1Manager {
    /// cgroup v1's devices controller keeps a list per cgroup. Writing `a` to devices.deny empties
    /// it and makes "refuse" the default; each line written to devices.allow then adds one
    /// exception. A new cgroup starts with its parent's list (on the host's root: everything), so
    /// this happens before any process joins. A host without the devices hierarchy is refused:
    /// running without it would let the container open the host's disks.
    func restrictDevices(to rules: [DeviceRule], kernel: any Kernel) throws {
        guard controllers.contains("devices") else {
            throw RuntimeError(code: .system, "the cgroup v1 devices controller is not mounted at \(root)/devices: without it a container could open the host's devices")
        }
        let directory = directory("devices")
        try kernel.writeCgroupFile(directory + "/devices.deny", "a")
        for rule in rules {
            try kernel.writeCgroupFile(directory + "/devices.allow", rule.line)
        }
    }
}
