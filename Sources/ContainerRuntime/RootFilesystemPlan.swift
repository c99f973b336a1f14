import LinuxKernel

/// The steps that build a container's filesystem inside its new mount namespace, in the order
/// the kernel needs them: the overlay that becomes `/`, then what a Linux program expects to find
/// in it — /proc, a minimal /dev, /sys (read-only), and the engine's /etc files.
///
/// Every step runs in the container's private mount namespace, so none of these mounts is ever
/// visible on the host, and all of them vanish with the container's last process.
public struct RootFilesystemPlan: Sendable {
    public var paths: ContainerPaths
    /// Image layers, bottom first.
    public var lowerdirs: [String]
    public var workingDirectory: String
    /// With a network namespace of its own the container can mount a fresh sysfs.
    public var ownNetwork: Bool

    public init(paths: ContainerPaths, lowerdirs: [String], workingDirectory: String, ownNetwork: Bool) {
        self.paths = paths
        self.lowerdirs = lowerdirs
        self.workingDirectory = workingDirectory
        self.ownNetwork = ownNetwork
    }

    /// The character devices every container gets: (name, major, minor).
    static let devices: [(String, UInt32, UInt32)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]

    public var steps: [SetupStep] {
        let root = paths.rootfs
        let hardened: MountFlags = [.noSetuid, .noDevices, .noExec]
        var steps: [SetupStep] = []

        // overlayfs lists lowerdirs top-most first; the image store gives them bottom first.
        let overlayData = "lowerdir=" + lowerdirs.reversed().joined(separator: ":")
            + ",upperdir=\(paths.upperdir),workdir=\(paths.workdir)"
        steps.append(.mount(Mount(type: "overlay", source: "overlay", target: root, data: overlayData)))

        // /proc is mounted by pid 1 of the new pid namespace, so it shows only the container's processes.
        steps.append(.makeDirectory(path: root + "/proc", mode: 0o555))
        steps.append(.mount(Mount(type: "proc", source: "proc", target: root + "/proc", flags: hardened)))

        steps.append(.makeDirectory(path: root + "/dev", mode: 0o755))
        steps.append(.mount(Mount(type: "tmpfs", source: "tmpfs", target: root + "/dev",
                                  flags: [.noSetuid, .strictAtime], data: "mode=755,size=65536k")))
        for (name, major, minor) in Self.devices {
            steps.append(.makeDevice(path: "\(root)/dev/\(name)", major: major, minor: minor, mode: 0o666))
        }
        steps.append(.makeDirectory(path: root + "/dev/pts", mode: 0o755))
        steps.append(.mount(Mount(type: "devpts", source: "devpts", target: root + "/dev/pts",
                                  flags: [.noSetuid, .noExec], data: "newinstance,ptmxmode=0666,mode=0620,gid=5")))
        steps.append(.symlink(path: root + "/dev/ptmx", target: "pts/ptmx"))
        steps.append(.makeDirectory(path: root + "/dev/shm", mode: 0o1777))
        steps.append(.mount(Mount(type: "tmpfs", source: "shm", target: root + "/dev/shm",
                                  flags: hardened, data: "mode=1777,size=65536k")))
        steps.append(.makeDirectory(path: root + "/dev/mqueue", mode: 0o755))
        steps.append(.mount(Mount(type: "mqueue", source: "mqueue", target: root + "/dev/mqueue", flags: hardened)))
        for (name, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                               ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")] {
            steps.append(.symlink(path: "\(root)/dev/\(name)", target: target))
        }

        steps.append(.makeDirectory(path: root + "/sys", mode: 0o555))
        if ownNetwork {
            steps.append(.mount(Mount(type: "sysfs", source: "sysfs", target: root + "/sys",
                                      flags: hardened.union(.readOnly))))
        } else {
            // Sharing the host's network namespace, a new sysfs cannot be mounted: bind the host's.
            steps.append(.mount(Mount(type: "bind", source: "/sys", target: root + "/sys", flags: [.bind, .recursive])))
            steps.append(.remount(target: root + "/sys", flags: hardened.union(.readOnly)))
        }

        steps.append(.makeDirectory(path: root + "/etc", mode: 0o755))
        for (file, source) in [("hostname", paths.hostname), ("hosts", paths.hosts), ("resolv.conf", paths.resolvConf)] {
            let target = "\(root)/etc/\(file)"
            steps.append(.touch(path: target))
            steps.append(.mount(Mount(type: "bind", source: source, target: target, flags: [.bind])))
        }

        if workingDirectory != "/" {
            steps.append(.makeDirectory(path: root + workingDirectory, mode: 0o755))
        }
        return steps
    }
}
