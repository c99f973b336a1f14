import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

extension OCIRuntime {
    /// Connects to the caller's `--console-socket` (a Unix socket containerd's shim listens on):
    /// the container's process sends the primary side of its terminal there itself (SCM_RIGHTS),
    /// as runc's does, so the terminal never passes through this process.
    static func connect(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw RuntimeError(code: .system, "socket: \(KernelError.message(for: errno))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw RuntimeError(code: .invalidArgument, "console socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let failure = errno
            close(fd)
            throw RuntimeError(code: .system, "connect to console socket \(path): \(KernelError.message(for: failure))")
        }
        return fd
    }
}
