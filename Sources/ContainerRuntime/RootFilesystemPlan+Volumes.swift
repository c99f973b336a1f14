import LinuxKernel

extension RootFilesystemPlan {
    /// The user's mounts (`-v`, `--tmpfs`), each made inside the rootfs by fd: the mount point is
    /// created (a directory, or an empty file for a file), the mount made, and a read-only one
    /// made read-only with every submount under it (a bind mount takes MS_RDONLY only on a
    /// remount, and a remount changes one mount only: `mount_setattr` does the tree). Paths are inside
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
                    // Recursively: the submounts that MS_REC brought along (the host's /dev/shm
                    // under `-v /:/host:ro`) must not stay writable. Docker leaves them so.
                    steps.append(.remount(target: target, flags: [.readOnly, .recursive]))
                }
            }
        }
        return steps
    }
}
