import FoundationEssentials
import HostSystem
import ImageStore
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `docker cp` into a container: host files written into the container's filesystem by file
/// descriptor, never by a path string that a symlink in the container could redirect. A running
/// container is written through its mounted root (/proc/PID/root); a stopped one through its
/// writable layer, which is not mounted then. Copied files belong to root, as Docker's do.
public struct ContainerCopyIn {
    let store: ContainerStore

    public init(store: ContainerStore) {
        self.store = store
    }

    /// Copies host `source` to `destination` (absolute in the container). If `destination` is a
    /// directory there, `source` goes inside it under its own name.
    public func copy(_ source: String, to destination: String, in record: ContainerRecord) throws {
        var info = stat()
        guard lstat(source, &info) == 0 else {
            throw RuntimeError(code: .notFound, "could not find the file \(source) on the host")
        }
        let (root, below) = try openRoot(of: record)
        defer { close(root) }
        var target = destination
        if isDirectory(destination, in: root, record: record) {
            target = (destination.hasSuffix("/") ? String(destination.dropLast()) : destination) + "/"
                + (source.split(separator: "/").last.map(String.init) ?? "")
        }
        let parentPath = parent(of: target)
        if let below, !record.state.isRunning {
            // A stopped container's writable layer only holds what changed: make the parent
            // directories it lacks there, as copies of the image's.
            try ParentDirectories.make(parentPath, in: store.paths(for: record.id).upperdir, below: below)
        }
        let parentFD: Int32
        do {
            parentFD = try RootedPath.open(parentPath, in: root, flags: RootedPath.pathOnly | O_DIRECTORY)
        } catch {
            throw RuntimeError(code: .notFound, "could not find the directory \(parentPath) in container \(record.name)")
        }
        defer { close(parentFD) }
        try write(source, into: parentFD, named: String(target.split(separator: "/").last ?? ""))
    }

    /// Whether `path` is a directory as the container sees it. A stopped container's writable
    /// layer holds only what changed, so a directory of its image (`/tmp`) is looked up in the
    /// merged layers, its writable layer on top (whose whiteouts hide what it deleted).
    private func isDirectory(_ path: String, in root: Int32, record: ContainerRecord) -> Bool {
        if let existing = try? RootedPath.open(path, in: root, flags: RootedPath.pathOnly | O_DIRECTORY) {
            close(existing)
            return true
        }
        guard !record.state.isRunning else { return false }
        let merged = LayerStack(layers: store.readOnlyLayers(of: record.config) + [store.paths(for: record.id).upperdir])
        return merged.item(at: path)?.isDirectory ?? false
    }

    /// The directory fd that stands for the container's `/`, and for a stopped container the image's layers.
    private func openRoot(of record: ContainerRecord) throws -> (Int32, LayerStack?) {
        if let process = record.state.process {
            return (try RunningContainerRoot.open(pid: process.pid, startTime: process.startTime, name: record.name), nil)
        }
        let upper = store.paths(for: record.id).upperdir
        try FileManager.default.createDirectory(atPath: upper, withIntermediateDirectories: true)
        let fd = open(upper, RootedPath.pathOnly | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw RuntimeError(code: .system, "cannot open the writable layer of container \(record.name)",
                               cause: KernelError("open", path: upper, errno: errno))
        }
        return (fd, LayerStack(layers: store.readOnlyLayers(of: record.config)))
    }

    private func write(_ source: String, into parent: Int32, named name: String) throws {
        var info = stat()
        guard lstat(source, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if mkdirat(parent, name, 0o700) != 0 && errno != EEXIST { throw failure("mkdir", name) }
            let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw failure("open", name) }
            defer { close(fd) }
            for child in LayerStack.entries(of: source).sorted() {
                try write(source + "/" + child, into: fd, named: child)
            }
            fchown(fd, 0, 0)
            fchmod(fd, mode_t(info.st_mode & 0o7777))
        case S_IFREG:
            unlinkat(parent, name, 0)
            let output = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard output >= 0 else { throw failure("create", name) }
            defer { close(output) }
            let input = open(source, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw failure("open", source) }
            defer { close(input) }
            do {
                try FileDescriptor(rawValue: input).copyAll(to: FileDescriptor(rawValue: output), path: source, outputPath: name)
            } catch {
                throw RuntimeError("cp: \(error.call) \(error.path): \(error.reason)")
            }
            fchown(output, 0, 0)
            fchmod(output, mode_t(info.st_mode & 0o7777))
            var times = [info.st_atim, info.st_mtim]
            futimens(output, &times)
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlink(source, &buffer, 4096)
            guard length >= 0 else { throw failure("readlink", source) }
            unlinkat(parent, name, 0)
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard symlinkat(target, parent, name) == 0 else { throw failure("symlink", name) }
        default:
            return   // devices, sockets and FIFOs are not copied
        }
    }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private func failure(_ operation: String, _ path: String) -> RuntimeError {
        let cause = KernelError(operation, path: path, errno: errno)
        return RuntimeError(code: .system, "cp: \(cause)", cause: cause)
    }
}
