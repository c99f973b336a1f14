import CLinux
import Explain
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The real kernel: system calls, with an event reported for each object made or removed.
public struct LiveKernel: Kernel {
    public let events: any EventSink
    public var isSimulated: Bool { false }
    /// Where network objects are made: nil for the host's network namespace, or the pin of
    /// another (`inNetworkNamespace(pinnedAt:)`, LiveKernel+NetworkNamespace.swift).
    public internal(set) var networkNamespace: String?

    public init(events: any EventSink) {
        self.events = events
    }

    public func createCgroup(_ path: String, version: Int, controller: String?) throws {
        // Another container's teardown may remove the shared parent between our mkdirs: retry.
        var attempt = 0
        while true {
            do {
                try makeDirectories(path)
                break
            } catch where attempt < 3 {
                attempt += 1
            }
        }
        events.emit(Event(.cgroupCreated(path: path, version: version, controller: controller)))
    }

    public func writeCgroupFile(_ path: String, _ value: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw KernelError("open", path: path, errno: errno) }
        defer { close(fd) }
        let written = value.withCString { write(fd, $0, strlen($0)) }
        guard written >= 0 else { throw KernelError("write \(value) to", path: path, errno: errno) }
        events.emit(Event(.cgroupWritten(path: path, value: value)))
    }

    public func readCgroupFile(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public func removeCgroup(_ path: String) throws {
        if rmdir(path) != 0 {
            let error = errno
            if error == ENOENT { return }
            // A real cgroup directory's files vanish with it; a plain directory tree standing in
            // for cgroupfs (in tests) holds ordinary files that must go first.
            guard error == ENOTEMPTY, !Self.isCgroupFilesystem(path) else {
                throw KernelError("rmdir", path: path, errno: error)
            }
            try FileManager.default.removeItem(atPath: path)
        }
        events.emit(Event(.cgroupRemoved(path: path)))
    }

    public func removeCgroupIfUnused(_ path: String) {
        if rmdir(path) == 0 { events.emit(Event(.cgroupRemoved(path: path))) }
    }

    public func writeFile(_ path: String, contents: String, purpose: String) throws {
        try FileWriting.write(contents, to: path)
        events.emit(Event(.fileWritten(path: path, purpose: purpose)))
    }

    public func createWritableLayer(upperdir: String, workdir: String, mountPoint: String) throws {
        for path in [upperdir, workdir, mountPoint] { try makeDirectories(path) }
        events.emit(Event(.writableLayerCreated(upperdir: upperdir, workdir: workdir)))
    }

    public func removeTree(_ path: String, what: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch let error as CocoaError {
            // FileManager names the file it could not remove, with the errno underneath; without
            // one, its own error (which names the file) is the most honest thing to pass on.
            guard let posix = error.underlying as? POSIXError else { throw error }
            throw KernelError("remove", path: error.filePath ?? path, errno: posix.code.rawValue)
        }
        events.emit(Event(.removed(path: path, what: what)))
    }

    public func forwardSignals(to pid: Int32?) {
        dy_forward_signals_to(pid ?? 0)
    }

    public func wait(pid: Int32) throws -> ExitStatus {
        do { return try ExitStatus.wait(for: pid) } catch { throw KernelError(error) }
    }

    public func signal(pid: Int32, _ signal: Int32) throws {
        guard kill(pid, signal) == 0 else { throw KernelError("kill", path: "pid \(pid)", errno: errno) }
        events.emit(Event(.signalled(pid: pid, signal: signal)))
    }

    func makeDirectories(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw KernelError("mkdir", path: path, errno: access(path, F_OK) == 0 ? EEXIST : EACCES)
        }
    }

    /// statfs(2) magic numbers of cgroup v1 and v2 filesystems.
    static func isCgroupFilesystem(_ path: String) -> Bool {
        var info = statfs()
        guard statfs(path, &info) == 0 else { return false }
        return info.f_type == 0x27e0eb || info.f_type == 0x6367_7270
    }

    /// The inode of /proc/PID/ns/KIND (`pid` nil for this process), as `readlink` shows it.
    public static func namespaceInode(pid: Int32?, _ namespace: Namespace) -> UInt64? {
        var info = stat()
        let path = "/proc/\(pid.map(String.init) ?? "self")/ns/\(namespace.rawValue)"
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }
}
