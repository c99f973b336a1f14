import LinuxKernel

extension RootFilesystemPlan {
    /// The user's mounts (`-v`, `--tmpfs`), each made inside the rootfs by fd: the mount point is
    /// created (a directory, or an empty file for a file), the mount made, and a read-only one
    /// remounted read-only (a bind mount takes MS_RDONLY only on a remount). Paths are inside
    /// the rootfs; the plan resolves them there.
    var volumeSteps: [SetupStep] {
        var steps: [SetupStep] = []
        for (index, mount) in mounts.enumerated() {
            let target = mount.destination
            // Under a user namespace a named volume is mounted from its idmapped copy.
            let source = userNamespace && mount.kind == .volume ? paths.idmapped + "/v\(index)" : mount.source
            switch mount.kind {
            case .tmpfs:
                steps.append(.makeDirectory(path: target, mode: 0o755))
                var flags: MountFlags = [.noSetuid, .noDevices, .noExec]
                if mount.readOnly { flags.insert(.readOnly) }
                steps.append(.mount(Mount(type: "tmpfs", source: "tmpfs", target: target, flags: flags,
                                          data: mount.options ?? "")))
            case .bind, .volume:
                steps.append(mount.sourceIsFile ? .touch(path: target) : .makeDirectory(path: target, mode: 0o755))
                steps.append(.mount(Mount(type: "bind", source: source, target: target, flags: [.bind, .recursive])))
                if mount.readOnly {
                    steps.append(.remount(target: target, flags: .readOnly))
                }
            }
        }
        return steps
    }
}
