import HostSystem
import LinuxKernel

/// The steps that build a container's filesystem inside its new mount namespace, in the order
/// the kernel needs them: the overlay that becomes `/`, then what a Linux program expects to find
/// in it — /proc, a minimal /dev, /sys (read-only) with the container's own cgroup, and the
/// engine's /etc files.
///
/// Every step runs in the container's private mount namespace, so none of these mounts is ever
/// visible on the host, and all of them vanish with the container's last process. Every path
/// inside the rootfs is resolved inside it by fd (`SetupStep.inRoot`): a symlink in the image
/// cannot aim a mount at the host.
public struct RootFilesystemPlan: Sendable {
    public var paths: ContainerPaths
    /// Image layers, bottom first.
    public var lowerdirs: [String]
    /// The image's mount-point layer (Docker's init layer, ImageStore's MountPointLayer), stacked
    /// above its layers: the /etc files, /proc, /sys and /dev the image lacks, so the steps below
    /// find their mount targets there instead of making them in the writable layer. Not with
    /// idmapped layers (`userNamespace`), nor rootless: there they are made as before.
    public var mountPointLayer: String?
    public var workingDirectory: String
    /// With a network namespace of its own the container can mount a fresh sysfs.
    public var ownNetwork: Bool
    /// `-v` and `--tmpfs` mounts (RootFilesystemPlan+Volumes.swift).
    public var mounts: [PlannedMount] = []
    /// `--read-only`: the overlay is remounted read-only once every mount point exists; /proc,
    /// /dev, the /etc files and volumes are mounts of their own and keep their modes, as in Docker.
    public var readOnlyRootfs = false
    /// `--init`: the host path of dockyard-init (its root-owned copy, `InitBinary`), bind-mounted
    /// read-only at /dev/init (on the /dev tmpfs, so nothing lands in the writable layer) to run as pid 1.
    public var initBinary: String?
    /// `--privileged`: /sys stays writable and nothing in /proc or /sys is masked.
    public var privileged = false
    /// The paths to hide or make read-only that exist on this kernel (`MaskedPaths.present()`).
    public var maskedPaths = MaskedPaths(masked: [], readOnly: [])
    /// `--userns remap`: the overlay is mounted inside the user namespace over idmapped copies
    /// of the layers (`idmappedMounts`), and device nodes are bind-mounted from the host's /dev
    /// because a user namespace may not mknod them.
    public var userNamespace = false
    /// Rootless mode: dockyard is root of the user's namespace, not the host's. The overlay
    /// keeps its whiteouts and opaque marks in `user.overlay.*` xattrs (`userxattr`: a user
    /// namespace may not write `trusted.*`), and device nodes are bind-mounted from the host.
    public var rootless = false
    /// Whether gid 5 (tty, devpts's group for terminals) exists in the user namespace: not when
    /// a rootless user has no subordinate ids, and then devpts is mounted without `gid=5`.
    public var mapsTTYGroup = true
    /// A user namespace may not mknod a device (it could otherwise make itself a node for any
    /// disk): the host's node is bind-mounted instead.
    var bindsDevices: Bool { userNamespace || rootless }
    /// `--ipc host`: the host's /dev/shm, bind-mounted instead of a tmpfs of its own.
    public var sharedMemory: String?
    /// `--device`: host device nodes made in the container too (RootFilesystemPlan+Devices.swift).
    public var addedDevices: [DeviceMapping] = []
    /// `--shm-size`: bytes of the /dev/shm tmpfs (nil: Docker's 64 MiB).
    public var shmSize: Int64?
    /// `--sysctl`, sorted by key: written through the container's fresh /proc before /proc/sys
    /// becomes read-only (MaskedPaths), from inside its namespaces.
    public var sysctls: [(key: String, value: String)] = []
    /// The container's own cgroup directories, shown read-only under /sys/fs/cgroup
    /// (RootFilesystemPlan+Cgroup.swift); empty without a cgroup.
    public var cgroupView: [CgroupViewMount] = []
    /// A `--rm` container's writable layer is deleted when it exits, so overlayfs need not make
    /// it durable: with `volatile` (Linux 5.10) it skips the sync of the upper filesystem that it
    /// otherwise does when the container's mount namespace goes away (a flush of the host
    /// filesystem's journal, paid while `run` waits for the exit). A volatile upper left by a
    /// crash cannot be mounted again; a `--rm` container's never is.
    public var volatileWritableLayer = false

    /// The host directories to show idmapped, and where: each image layer, the container's own
    /// directory (for its upperdir and workdir), then each named volume, which thus belongs to
    /// root inside as it does without a user namespace. Bind mounts keep the host's ids, as with
    /// Docker's userns-remap.
    public var idmappedMounts: [UserNamespaceMapping.IdmappedMount] {
        guard userNamespace else { return [] }
        return lowerdirs.enumerated().map { .init(source: $1, target: paths.idmapped + "/l\($0)") }
            + [.init(source: paths.directory, target: paths.idmapped + "/rw")]
            + mounts.enumerated().filter { $1.kind == .volume }.map { .init(source: $1.source, target: paths.idmapped + "/v\($0)") }
    }

    public init(paths: ContainerPaths, lowerdirs: [String], workingDirectory: String, ownNetwork: Bool) {
        self.paths = paths
        self.lowerdirs = lowerdirs
        self.workingDirectory = workingDirectory
        self.ownNetwork = ownNetwork
    }

    /// Where `--init`'s init appears inside the container.
    public static let initPath = "/dev/init"

    /// The character devices every container gets: (name, major, minor).
    static let devices: [(String, UInt32, UInt32)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]

    public var steps: [SetupStep] {
        let root = paths.rootfs
        let hardened: MountFlags = [.noSetuid, .noDevices, .noExec]
        var steps: [SetupStep] = []

        // overlayfs lists lowerdirs top-most first; the image store gives them bottom first.
        let overlayData: String
        if userNamespace {
            let staged = idmappedMounts
            let upper = paths.idmapped + "/rw"
            overlayData = "lowerdir=" + staged.prefix(lowerdirs.count).reversed().map(\.target).joined(separator: ":")
                + ",upperdir=\(upper)/upper,workdir=\(upper)/work,userxattr"
        } else {
            let topFirst: [String] = (mountPointLayer.map { [$0] } ?? []) + lowerdirs.reversed()   // an Array, for HostSystem's joined
            overlayData = "lowerdir=" + topFirst.joined(separator: ":")
                + ",upperdir=\(paths.upperdir),workdir=\(paths.workdir)" + (rootless ? ",userxattr" : "")
        }
        steps.append(.mount(Mount(type: "overlay", source: "overlay", target: root,
                                  data: overlayData + (volatileWritableLayer ? ",volatile" : ""))))

        var inside: [SetupStep] = []
        // /proc is mounted by pid 1 of the new pid namespace, so it shows only the container's processes.
        inside.append(.makeDirectory(path: "/proc", mode: 0o555))
        inside.append(.mount(Mount(type: "proc", source: "proc", target: "/proc", flags: hardened)))
        inside += sysctls.map { SetupStep.setSysctl(key: $0.key, value: $0.value) }

        inside.append(.makeDirectory(path: "/dev", mode: 0o755))
        inside.append(.mount(Mount(type: "tmpfs", source: "tmpfs", target: "/dev",
                                  flags: [.noSetuid, .strictAtime], data: "mode=755,size=65536k")))
        for (name, major, minor) in Self.devices where !addedDevices.contains(where: { $0.containerPath == "/dev/\(name)" }) {
            if bindsDevices {
                inside.append(.touch(path: "/dev/\(name)"))
                inside.append(.mount(Mount(type: "bind", source: "/dev/\(name)", target: "/dev/\(name)", flags: [.bind])))
            } else {
                inside.append(.makeDevice(path: "/dev/\(name)", major: major, minor: minor, mode: 0o666))
            }
        }
        inside.append(.makeDirectory(path: "/dev/pts", mode: 0o755))
        inside.append(.mount(Mount(type: "devpts", source: "devpts", target: "/dev/pts",
                                  flags: [.noSetuid, .noExec], data: "newinstance,ptmxmode=0666,mode=0620" + (mapsTTYGroup ? ",gid=5" : ""))))
        inside.append(.symlink(path: "/dev/ptmx", target: "pts/ptmx"))
        inside.append(.makeDirectory(path: "/dev/shm", mode: 0o1777))
        if let sharedMemory {
            inside.append(.mount(Mount(type: "bind", source: sharedMemory, target: "/dev/shm", flags: [.bind])))
            inside.append(.remount(target: "/dev/shm", flags: hardened))
        } else {
            inside.append(.mount(Mount(type: "tmpfs", source: "shm", target: "/dev/shm",
                                      flags: hardened, data: "mode=1777,size=" + (shmSize.map(String.init) ?? "65536k"))))
        }
        inside.append(.makeDirectory(path: "/dev/mqueue", mode: 0o755))
        inside.append(.mount(Mount(type: "mqueue", source: "mqueue", target: "/dev/mqueue", flags: hardened)))
        for (name, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                               ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")] {
            inside.append(.symlink(path: "/dev/\(name)", target: target))
        }

        inside += deviceSteps

        if let initBinary {
            inside.append(.touch(path: RootFilesystemPlan.initPath))
            inside.append(.mount(Mount(type: "bind", source: initBinary, target: RootFilesystemPlan.initPath, flags: [.bind])))
            // A bind mount shares the host file's inode: read-only, or root inside could chmod
            // or rewrite the host's init. MS_RDONLY on a bind takes effect only on a remount.
            inside.append(.remount(target: RootFilesystemPlan.initPath, flags: [.readOnly, .noSetuid, .noDevices]))
        }

        inside.append(.makeDirectory(path: "/sys", mode: 0o555))
        let sysFlags = privileged ? hardened : hardened.union(.readOnly)
        if ownNetwork {
            inside.append(.mount(Mount(type: "sysfs", source: "sysfs", target: "/sys", flags: sysFlags)))
        } else {
            // Sharing the host's network namespace, a new sysfs cannot be mounted: bind the host's.
            inside.append(.mount(Mount(type: "bind", source: "/sys", target: "/sys", flags: [.bind, .recursive])))
            inside.append(.remount(target: "/sys", flags: sysFlags))
        }
        inside += cgroupSteps
        if !privileged { inside += maskedPaths.steps(rootfs: root) }

        inside.append(.makeDirectory(path: "/etc", mode: 0o755))
        for (file, source) in [("hostname", paths.hostname), ("hosts", paths.hosts), ("resolv.conf", paths.resolvConf)] {
            let target = "/etc/\(file)"
            inside.append(.touch(path: target))
            inside.append(.mount(Mount(type: "bind", source: source, target: target, flags: [.bind])))
        }

        inside += volumeSteps

        if workingDirectory != "/" {
            inside.append(.makeDirectory(path: workingDirectory, mode: 0o755))
        }
        steps += inside.map { .inRoot(root: root, step: $0) }
        if readOnlyRootfs {
            // Last: every mount point above had to be made in the overlay first.
            steps.append(.remount(target: root, flags: .readOnly))
        }
        return steps
    }
}
