import LinuxKernel

extension RootFilesystemPlan {
    /// The container's own cgroup at /sys/fs/cgroup, read-only (writable with `--privileged`, as
    /// in Docker). On v1 a small tmpfs takes /sys/fs/cgroup first, so that only the container's
    /// controller directories are there (with the host's network, /sys is the host's, whose
    /// /sys/fs/cgroup would show every cgroup on the host); on v2 the one directory is bound there.
    /// One recursive remount at the end makes the tmpfs and every bind below it read-only.
    /// Without a cgroup (rootless, nothing delegated) nothing is mounted.
    var cgroupSteps: [SetupStep] { Self.cgroupViewSteps(cgroupView, writable: privileged) }

    /// The steps that show `view` at /sys/fs/cgroup, read-only unless `writable`; also what an
    /// OCI bundle's `cgroup` mount becomes (`OCIFilesystemPlan`).
    static func cgroupViewSteps(_ cgroupView: [CgroupViewMount], writable: Bool) -> [SetupStep] {
        guard !cgroupView.isEmpty else { return [] }
        let top = "/sys/fs/cgroup"
        var steps: [SetupStep] = [.makeDirectory(path: top, mode: 0o555)]
        if !(cgroupView.count == 1 && cgroupView[0].insidePath == top) {
            steps.append(.mount(Mount(type: "tmpfs", source: "tmpfs", target: top,
                                      flags: [.noSetuid, .noDevices, .noExec], data: "mode=755,size=64k")))
            steps += cgroupView.map { .makeDirectory(path: $0.insidePath, mode: 0o555) }
        }
        for view in cgroupView {
            steps.append(.mount(Mount(type: "bind", source: view.hostDirectory, target: view.insidePath, flags: [.bind])))
        }
        let flags: MountFlags = writable ? [.noSetuid, .noDevices, .noExec, .recursive]
            : [.readOnly, .noSetuid, .noDevices, .noExec, .recursive]
        steps.append(.remount(target: top, flags: flags))
        return steps
    }
}
