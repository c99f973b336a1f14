#if canImport(Glibc)
import Glibc
#endif

/// A file descriptor: the small integer the kernel hands out for an open file, pipe or directory.
/// A plain value (not an owner), like swift-system's `FileDescriptor`: whoever opens it closes it.
/// Its I/O methods (in `FileDescriptor+IO.swift`) retry EINTR, so no caller writes that loop again.
public struct FileDescriptor: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let standardInput = FileDescriptor(rawValue: 0)
    public static let standardOutput = FileDescriptor(rawValue: 1)
    public static let standardError = FileDescriptor(rawValue: 2)

    /// open(2), always close-on-exec so no spawned program inherits it by accident.
    public static func open(_ path: String, _ flags: Int32, permissions: mode_t = 0) throws(SystemCallError) -> FileDescriptor {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, permissions)
            if fd >= 0 { return FileDescriptor(rawValue: fd) }
            guard errno == EINTR else { throw SystemCallError("open", path: path, errno: errno) }
        }
    }

    /// close(2). Not retried on EINTR: Linux has released the descriptor by then, and a retry
    /// could close one another thread just opened.
    public func close() {
        _ = Glibc.close(rawValue)
    }
}

/// A pipe(2): bytes written to `writeEnd` come out of `readEnd`.
public struct Pipe: Sendable {
    public var readEnd: FileDescriptor
    public var writeEnd: FileDescriptor

    /// Both ends close-on-exec: a spawned program gets only the copies dup2'd onto its 0, 1 and 2.
    public init() throws(SystemCallError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SystemCallError("pipe", path: "", errno: errno) }
        // pipe2(O_CLOEXEC) is hidden behind _GNU_SOURCE in Swift's Glibc; no spawn can run in
        // between here that matters, because every spawn goes through `HostProgram`.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        readEnd = FileDescriptor(rawValue: fds[0])
        writeEnd = FileDescriptor(rawValue: fds[1])
    }

    public func close() {
        readEnd.close()
        writeEnd.close()
    }
}
