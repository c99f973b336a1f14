import LinuxKernel

extension RootFilesystemPlan {
    /// The `--device` nodes, made in the container's /dev (or wherever CONTAINER says) after its
    /// default ones: a new node with the host node's type, numbers and permission bits, owned by
    /// root. Under `--userns remap` the kernel refuses mknod of a device (a user namespace could
    /// otherwise make itself a node for any disk), so the host's node is bind-mounted instead, as
    /// the default nodes are. Either way the devices cgroup decides whether it can be opened.
    var deviceSteps: [SetupStep] {
        var steps: [SetupStep] = []
        for device in addedDevices {
            guard let node = device.node else { continue }
            let path = device.containerPath
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !parent.isEmpty && parent != "/dev" {
                steps.append(.makeDirectory(path: parent, mode: 0o755))
            }
            if bindsDevices {
                steps.append(.touch(path: path))
                steps.append(.mount(Mount(type: "bind", source: device.hostPath, target: path, flags: [.bind])))
            } else {
                // mknod's file type travels in the mode's S_IFMT bits (dy_linux.h, DY_STEP_MKNOD).
                let type: UInt32 = node.kind == .block ? 0o060000 : 0o020000
                steps.append(.makeDevice(path: path, major: node.major, minor: node.minor, mode: type | node.permissions))
            }
        }
        return steps
    }
}
