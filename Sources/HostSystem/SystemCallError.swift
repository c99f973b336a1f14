#if canImport(Glibc)
import Glibc
#endif

/// A system call that failed: which call, on what, and the errno the kernel returned. Callers in
/// higher modules turn it into their own error type, keeping `call`, `path` and `errno`.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call in words, e.g. "read", "flock", "posix_spawn".
    public var call: String
    /// The path, program or object it acted on.
    public var path: String
    public var errno: Int32

    public init(_ call: String, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// strerror(3) of `errno`, e.g. "Permission denied".
    public var reason: String { Self.message(for: errno) }

    public var description: String { "\(call) \(path): \(reason)" }

    /// strerror(3), e.g. "No such file or directory".
    public static func message(for errno: Int32) -> String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }
}
