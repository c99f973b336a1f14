import FoundationEssentials
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `docker cp` out of a container, safe against the container changing its files meanwhile
/// (CVE-2018-15664). The path is resolved once, inside the container's root, with
/// openat2(RESOLVE_IN_ROOT): a symlink in it (even `/w -> /`) resolves as the container would
/// see it, never to the host. Everything below is then opened relative to the directory fd
/// already opened, one name at a time with O_NOFOLLOW, so swapping a directory for a symlink
/// after the check can only make a copy fail, never lead it out.
///
/// A running container is read through its mounted root (/proc/PID/root, volumes included, as
/// Docker does). A stopped one has nothing mounted: its layers are merged by a read-only overlay
/// that exists only as a file descriptor (DetachedOverlay), which overlayfs itself keeps
/// correct about deletions (whiteouts) and replaced directories (opaque ones). What a running
/// container would have mounted there (its /etc/hosts, hostname and resolv.conf, volumes and
/// binds) is read from where it lives on the host, as Docker mounts them for a copy.
public struct ContainerCopyOut {
    let store: ContainerStore
    /// For a stopped container: container path -> the host file or directory mounted there.
    private var mounted: [String: String] = [:]

    public init(store: ContainerStore) {
        self.store = store
    }

    /// Copies `path` (absolute in the container) to `hostPath`; into it if it is a directory.
    /// A final symlink is copied as a link; `DIR/.` copies the directory's contents.
    public func copy(_ path: String, from record: ContainerRecord, to hostPath: String) throws {
        var walk = self
        walk.mounted = record.state.process == nil ? mountSources(of: record) : [:]
        try walk.copyWithMounts(path, from: record, to: hostPath)
    }

    private func copyWithMounts(_ requested: String, from record: ContainerRecord, to hostPath: String) throws {
        var path = requested
        var components = path.split(separator: "/").map(String.init)
        let last = components.last ?? "."
        let intoDirectory = Self.isDirectory(hostPath)
        let containerPath = "/" + components.filter { $0 != "." }.joined(separator: "/")
        if let source = mounted[containerPath], last != "..", !path.hasSuffix("/.") {
            try copyMounted(source, to: intoDirectory ? hostPath + "/" + last : hostPath, containerPath: containerPath)
            return
        }
        // A path below a stopped container's mount (`/data/f` of `-v /data`) is resolved inside
        // the mount's source, as the container would see it: the source is then the root.
        let root: Int32
        if let (destination, source) = mountAbove(containerPath) {
            root = Glibc.open(source, RootedPath.pathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard root >= 0 else { throw failure("open", source) }
            path = "/" + containerPath.dropFirst(destination.count).drop { $0 == "/" } + (requested.hasSuffix("/") ? "/" : "")
            components = path.split(separator: "/").map(String.init)
        } else {
            root = try openRoot(of: record)
        }
        defer { close(root) }
        if last == "." || last == ".." || path.hasSuffix("/") {
            // The path must name a directory: the kernel follows it all the way, inside the root.
            let directory = try open(path, in: root, record: record, flags: O_RDONLY | O_DIRECTORY)
            defer { close(directory) }
            let named = last == "." || last == ".." ? nil : last
            try copyDirectory(directory, to: intoDirectory ? named.map { hostPath + "/" + $0 } ?? hostPath : hostPath,
                              containerPath: last == ".." ? nil : containerPath)
            return
        }
        let parent = try open("/" + components.dropLast().joined(separator: "/"), in: root, record: record,
                              flags: RootedPath.pathOnly | O_DIRECTORY)
        defer { close(parent) }
        var info = stat()
        guard fstatat(parent, last, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw notFound(path, record) }
        try copyEntry(named: last, in: parent, to: intoDirectory ? hostPath + "/" + last : hostPath, containerPath: containerPath)
    }

    /// The deepest mount strictly above `containerPath` (a component-wise prefix), if any.
    private func mountAbove(_ containerPath: String) -> (destination: String, source: String)? {
        mounted.filter { containerPath.hasPrefix($0.key == "/" ? "/" : $0.key + "/") && containerPath != $0.key }
            .max { $0.key.count < $1.key.count }
            .map { ($0.key, $0.value) }
    }

    /// Where each of a stopped container's mounts lives on the host, by its path in the container.
    private func mountSources(of record: ContainerRecord) -> [String: String] {
        let paths = store.paths(for: record.id)
        var sources = ["/etc/hostname": paths.hostname, "/etc/hosts": paths.hosts, "/etc/resolv.conf": paths.resolvConf]
        let volumes = VolumeStore(root: store.root)
        for mount in record.config.mounts {
            switch mount.kind {
            case .bind: sources[mount.destination] = mount.source
            case .volume: sources[mount.destination] = volumes.dataPath(mount.source)
            case .tmpfs: break   // nothing outlives the container there
            }
        }
        return sources
    }

    /// A mount's source, opened on the host (a volume's content is the container's: below the
    /// source itself, everything is opened by fd and O_NOFOLLOW as in the root).
    private func copyMounted(_ source: String, to target: String, containerPath: String) throws {
        let fd = Glibc.open(source, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", source) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("stat", source) }
        if info.st_mode & S_IFMT == S_IFDIR {
            try copyDirectory(fd, to: target, containerPath: containerPath)
        } else {
            try copyFile(fd, to: target)
        }
    }

    /// The directory fd that stands for the container's `/`.
    private func openRoot(of record: ContainerRecord) throws -> Int32 {
        if let process = record.state.process {
            return try RunningContainerRoot.open(pid: process.pid, startTime: process.startTime, name: record.name)
        }
        let upper = store.paths(for: record.id).upperdir
        return try DetachedOverlay.open(layers: store.readOnlyLayers(of: record.config) + (Self.isDirectory(upper) ? [upper] : []))
    }

    private func open(_ path: String, in root: Int32, record: ContainerRecord, flags: Int32) throws -> Int32 {
        do {
            return try RootedPath.open(path.isEmpty ? "/" : path, in: root, flags: flags)
        } catch {
            throw notFound(path, record)
        }
    }

    /// One entry of the directory `parent`, by name, never following it if it is a symlink.
    private func copyEntry(named name: String, in parent: Int32, to target: String, containerPath: String?) throws {
        if let containerPath, let source = mounted[containerPath] {
            return try copyMounted(source, to: target, containerPath: containerPath)
        }
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }   // gone meanwhile
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw failure("open", name) }
            defer { close(fd) }
            try copyDirectory(fd, to: target, containerPath: containerPath)
        case S_IFREG:
            // O_NONBLOCK: if a FIFO was swapped in meanwhile, open must not wait for a writer.
            let fd = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { throw failure("open", name) }
            defer { close(fd) }
            try copyFile(fd, to: target)
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlinkat(parent, name, &buffer, 4096)
            guard length >= 0 else { throw failure("readlink", name) }
            unlink(target)
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard symlink(link, target) == 0 else { throw failure("symlink", target) }
            lchown(target, info.st_uid, info.st_gid)
            var times = [info.st_atim, info.st_mtim]
            utimensat(AT_FDCWD, target, &times, AT_SYMLINK_NOFOLLOW)
        default:
            return   // devices, sockets and FIFOs are not copied
        }
    }

    /// `containerPath` is the directory's path in the container, when known, to find mounts below it.
    private func copyDirectory(_ directory: Int32, to target: String, containerPath: String?) throws {
        var info = stat()
        guard fstat(directory, &info) == 0 else { throw failure("stat", target) }
        if mkdir(target, 0o700) != 0 && !(errno == EEXIST && Self.isDirectory(target)) { throw failure("mkdir", target) }
        for name in try names(in: directory) {
            let below = containerPath.map { ($0 == "/" ? "" : $0) + "/" + name }
            try copyEntry(named: name, in: directory, to: target + "/" + name, containerPath: below)
        }
        // Owner, then mode (chown clears set-uid bits), then times (both count as changes).
        chown(target, info.st_uid, info.st_gid)
        chmod(target, info.st_mode & 0o7777)
        var times = [info.st_atim, info.st_mtim]
        utimensat(AT_FDCWD, target, &times, 0)
    }

    private func copyFile(_ input: Int32, to target: String) throws {
        var info = stat()
        guard fstat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        unlink(target)
        let output = Glibc.open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw failure("create", target) }
        defer { close(output) }
        do {
            // Both failures name the target: the source is inside the container, by fd.
            try FileDescriptor(rawValue: input).copyAll(to: FileDescriptor(rawValue: output), path: target, outputPath: target)
        } catch {
            throw RuntimeError("cp: \(error.call) \(error.path): \(error.reason)")
        }
        fchown(output, info.st_uid, info.st_gid)
        fchmod(output, info.st_mode & 0o7777)
        var times = [info.st_atim, info.st_mtim]
        futimens(output, &times)
    }

    /// The names in an open directory, sorted.
    private func names(in directory: Int32) throws -> [String] {
        guard let names = DirectoryListing.names(inDirectory: directory) else { throw failure("read", "a directory") }
        return names.sorted()
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private func notFound(_ path: String, _ record: ContainerRecord) -> RuntimeError {
        RuntimeError(code: .notFound, "Could not find the file \(path) in container \(record.name)")
    }

    private func failure(_ operation: String, _ path: String) -> RuntimeError {
        let cause = KernelError(operation, path: path, errno: errno)
        return RuntimeError(code: .system, "cp: \(cause)", cause: cause)
    }
}
