import LinuxKernel

extension CgroupV2Manager {
    /// cgroup v2 has no devices.allow file: the rules become an eBPF program the kernel runs on
    /// every open and mknod of a device node in this cgroup (`DeviceFilter`). Attached to the
    /// cgroup directory, it lives exactly as long as the cgroup. Allowing everything
    /// (`--privileged`) needs no program at all.
    func restrictDevices(to rules: [DeviceRule], kernel: any Kernel) throws {
        if rules.contains(.everything) { return }
        try kernel.attachDeviceFilter(DeviceFilter(allowing: rules), to: directory)
    }
}
