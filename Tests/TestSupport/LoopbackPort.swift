#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that nothing listens on right now: the kernel picks one when a socket
/// binds port 0, and we read it back with getsockname and close the socket. Another process could
/// take it before our server binds it, so servers started on it retry with a new one if the bind fails.
public enum LoopbackPort {
    public static func free() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw failure("bind 127.0.0.1:0") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func failure(_ operation: String) -> TemporaryDirectoryError {
        TemporaryDirectoryError(message: "\(operation): \(String(cString: strerror(errno)))")
    }
}
