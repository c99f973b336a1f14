import Dispatch
import FoundationEssentials
import LinuxKernel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Copies a container's stdout and stderr, from two pipes, into its log file, line by line,
/// as Docker's json-file driver writes it: each line one JSON object, and with `max-size` the
/// file rotated once it has reached that size (after the line that reached it, as Docker does):
/// `container.log` becomes `container.log.1`, `.1` becomes `.2`, …, and the one past `max-file`
/// is dropped; with `max-file` 1 the file is emptied instead. With the `none` driver the lines
/// are read and dropped (the container must never block on a full pipe).
public final class ContainerLogWriter: @unchecked Sendable {
    public let standardOutput: Int32
    public let standardError: Int32
    private let path: String
    /// (max-size, max-file), or nil: never rotate.
    private let rotation: (maxSize: Int64, maxFiles: Int)?
    /// The live file and how many bytes it holds; nil with the `none` driver.
    private let file: Mutex<(fd: Int32, size: Int64)?>
    private let done = DispatchGroup()

    public init(path: String, config: LogConfig = .jsonFile) throws {
        self.path = path
        let maxSize = try config.maxSize
        rotation = try maxSize.map { ($0, try config.maxFiles) }
        var opened: (fd: Int32, size: Int64)?
        if config.keepsLogs { opened = try Self.open(path) }
        file = Mutex(opened)
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw KernelError("pipe", path: path, errno: errno) }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        standardOutput = out[1]
        standardError = err[1]
        for (fd, stream) in [(out[0], "stdout"), (err[0], "stderr")] {
            done.enter()
            DispatchQueue.global().async { [self] in
                PipeLines.read(fd) { line in append(line, stream: stream) }   // closes fd
                done.leave()
            }
        }
    }

    /// The live file, opened for appending, and its size so far (a restart appends to it).
    private static func open(_ path: String) throws(KernelError) -> (fd: Int32, size: Int64) {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw KernelError("open", path: path, errno: errno) }
        var info = stat()
        return (fd, fstat(fd, &info) == 0 ? Int64(info.st_size) : 0)
    }

    private func append(_ bytes: [UInt8], stream: String) {
        let entry = ContainerLog.Entry(log: String(decoding: bytes, as: UTF8.self), stream: stream,
                                       time: ContainerLog.timestamp())
        guard let json = try? JSONEncoder().encode(entry) else { return }
        var line = Array(json)
        line.append(10)
        file.withLock { file in
            guard let current = file else { return }
            let written = line.withUnsafeBytes { write(current.fd, $0.baseAddress, $0.count) }
            file?.size += Int64(max(0, written))
            if let rotation, let size = file?.size, size >= rotation.maxSize { rotate(&file, keeping: rotation.maxFiles) }
        }
    }

    /// Docker's rotation: shift the old files up by one, the live one becomes `.1`, a new live one.
    private func rotate(_ file: inout (fd: Int32, size: Int64)?, keeping maxFiles: Int) {
        guard let current = file else { return }
        if maxFiles < 2 {
            if ftruncate(current.fd, 0) == 0 { file?.size = 0 }
            return
        }
        for index in stride(from: maxFiles - 1, through: 2, by: -1) {
            rename(path + ".\(index - 1)", path + ".\(index)")
        }
        guard rename(path, path + ".1") == 0, let fresh = try? Self.open(path) else { return }
        close(current.fd)
        file = fresh
    }

    /// Closes the write ends (the container keeps its own copies until it exits) and waits until
    /// everything written has reached the file.
    public func finish() {
        close(standardOutput)
        close(standardError)
        done.wait()
        file.withLock { file in
            if let current = file { close(current.fd) }
            file = nil
        }
    }
}
