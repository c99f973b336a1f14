import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// The filesystem steps of an OCI bundle's container, in the order runc makes them: the bundle's
/// rootfs bind-mounted onto itself (pivot_root needs a mount point), each of config.json's
/// `mounts` in its order, the devices every container gets plus `linux.devices`, the /dev
/// symlinks, `linux.sysctl`, then `maskedPaths` and `readonlyPaths`, and a read-only root last.
/// Every path inside the rootfs is resolved inside it by fd (`SetupStep.inRoot`), as for
/// `dockyard run`: a symlink in the image cannot aim a mount at the host.
struct OCIFilesystemPlan {
    var rootfs: String
    var bundle: String
    var spec: RuntimeSpec
    /// The container's own cgroup directories: what a `cgroup` mount shows (as `dockyard run` does).
    var cgroupView: [CgroupViewMount] = []

    /// The character devices runc makes in every container: (path, major, minor).
    static let defaultDevices: [(String, UInt32, UInt32)] = [
        ("/dev/null", 1, 3), ("/dev/zero", 1, 5), ("/dev/full", 1, 7), ("/dev/random", 1, 8),
        ("/dev/urandom", 1, 9), ("/dev/tty", 5, 0),
    ]

    var steps: [SetupStep] {
        var host: [SetupStep] = [.mount(Mount(type: "bind", source: rootfs, target: rootfs, flags: [.bind, .recursive]))]
        var inside: [SetupStep] = []
        for mount in spec.mounts ?? [] { inside += mountSteps(mount) }
        inside += deviceSteps
        inside += (spec.linux?.sysctl ?? [:]).sorted { $0.key < $1.key }.map { SetupStep.setSysctl(key: $0.key, value: $0.value) }
        inside += maskSteps
        host += inside.map { .inRoot(root: rootfs, step: $0) }
        if spec.root?.readonly == true {
            host.append(.remount(target: rootfs, flags: [.readOnly, .bind]))
        }
        return host
    }

    /// One mount: its mount point made (a file for a bind of a file), the mount, and for a bind
    /// with ro/nosuid/… the remount that applies them.
    func mountSteps(_ mount: RuntimeSpec.Mount) -> [SetupStep] {
        let options = OCIMountOptions(mount.options ?? [], type: mount.type)
        // A `cgroup` mount is the container's own cgroup, never the host's whole tree: on this
        // hybrid host one new cgroup mount cannot even take every v1 controller at once (runc too
        // binds the container's directories instead).
        if mount.type == "cgroup" || mount.type == "cgroup2", mount.destination == "/sys/fs/cgroup" {
            return RootFilesystemPlan.cgroupViewSteps(cgroupView, writable: !options.flags.union(options.remountFlags).contains(.readOnly))
        }
        var source = mount.source ?? mount.type ?? "none"
        if options.isBind && !source.hasPrefix("/") { source = bundle + "/" + source }
        var steps: [SetupStep] = []
        if options.isBind && !Self.isDirectory(source) {
            steps.append(.touch(path: mount.destination))
        } else {
            steps.append(.makeDirectory(path: mount.destination, mode: 0o755))
        }
        steps.append(.mount(Mount(type: options.isBind ? "bind" : mount.type ?? "none", source: source,
                                  target: mount.destination, flags: options.flags, data: options.data.joined(separator: ","))))
        if !options.remountFlags.isEmpty {
            steps.append(.remount(target: mount.destination, flags: options.remountFlags))
        }
        return steps
    }

    /// runc's default devices unless config.json names them, then config.json's, and the links.
    var deviceSteps: [SetupStep] {
        let listed = spec.linux?.devices ?? []
        var steps: [SetupStep] = [.makeDirectory(path: "/dev", mode: 0o755)]
        for (path, major, minor) in Self.defaultDevices where !listed.contains(where: { $0.path == path }) {
            steps += deviceNode(path: path, major: major, minor: minor, mode: 0o666)
        }
        for device in listed {
            let kind: UInt32 = switch device.type { case "b": 0o060000; case "p": 0o010000; default: 0 }
            if let parent = Self.parent(of: device.path) { steps.append(.makeDirectory(path: parent, mode: 0o755)) }
            steps += deviceNode(path: device.path, major: UInt32(clamping: device.major ?? 0),
                                minor: UInt32(clamping: device.minor ?? 0), mode: kind | (device.fileMode ?? 0o666) & 0o7777)
        }
        for (name, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                               ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")] {
            steps.append(.symlink(path: "/dev/" + name, target: target))
        }
        if (spec.mounts ?? []).contains(where: { $0.destination == "/dev/pts" }) {
            steps.append(.symlink(path: "/dev/ptmx", target: "pts/ptmx"))
        }
        return steps
    }

    /// Whether the container gets a user namespace: mknod(2) of a device is refused there.
    var inUserNamespace: Bool { (spec.linux?.namespaces ?? []).contains { $0.type == "user" } }

    /// One device node: made, or in a user namespace the host's node of the same path bound onto
    /// an empty file (runc's bindMountDeviceNode). A FIFO is no device: made either way.
    func deviceNode(path: String, major: UInt32, minor: UInt32, mode: UInt32) -> [SetupStep] {
        guard inUserNamespace, mode & 0o170000 != 0o010000 else {
            return [.makeDevice(path: path, major: major, minor: minor, mode: mode)]
        }
        return [.touch(path: path), .mount(Mount(type: "bind", source: path, target: path, flags: [.bind]))]
    }

    /// `maskedPaths` and `readonlyPaths`, through the same steps as `dockyard run`'s masked
    /// paths; a path the container does not have is skipped, as runc skips it (ENOENT) — also one
    /// under a directory masked before it, which the empty tmpfs over that directory has hidden.
    var maskSteps: [SetupStep] {
        var masked: [String] = []
        var hidden: [String] = []
        for path in spec.linux?.maskedPaths ?? [] where exists(path) && !Self.isUnder(path, any: hidden) {
            masked.append(path)
            if isDirectoryInside(path) { hidden.append(path) }
        }
        let readOnly = (spec.linux?.readonlyPaths ?? []).filter { exists($0) && !Self.isUnder($0, any: hidden) }
        return MaskedPaths(masked: masked, readOnly: readOnly).steps(rootfs: rootfs, directoryTest: isDirectoryInside)
    }

    /// Whether `path` lies strictly inside one of `directories`.
    static func isUnder(_ path: String, any directories: [String]) -> Bool {
        directories.contains { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// /proc and /sys are the kernel's, the same as the host's; anything else is the rootfs's.
    func hostView(_ path: String) -> String {
        path.hasPrefix("/proc/") || path.hasPrefix("/sys/") ? path : rootfs + path
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(hostView(path), &info) == 0
    }

    func isDirectoryInside(_ path: String) -> Bool { Self.isDirectory(hostView(path)) }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func parent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return nil }
        return String(path[..<slash])
    }
}
