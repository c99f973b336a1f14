#if canImport(Glibc)
import Glibc
#endif

/// How a process ended, decoded from waitpid(2)'s status word: a container's first process, an
/// exec'd one, or a host program such as `nft`.
public struct ExitStatus: Sendable, Equatable {
    /// The exit code, or nil if a signal killed the process.
    public var code: Int32?
    /// The signal that killed the process, if one did.
    public var signal: Int32?

    public init(code: Int32? = nil, signal: Int32? = nil) {
        self.code = code
        self.signal = signal
    }

    /// Decodes the raw status: the low 7 bits are the killing signal (0 for a normal exit),
    /// bits 8-15 the exit code.
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        if signal == 0 {
            self.init(code: (status >> 8) & 0xff)
        } else {
            self.init(signal: signal)
        }
    }

    /// The shell's convention, which Docker follows: the code, or 128 + the signal number.
    public var shellStatus: Int32 {
        if let code { return code }
        return 128 + (signal ?? 0)
    }
}

extension ExitStatus {
    /// waitpid(2) for `pid` until it ends, with EINTR retried: how it ended.
    public static func wait(for pid: pid_t) throws(SystemCallError) -> ExitStatus {
        ExitStatus(waitStatus: try waitStatus(of: pid))
    }

    /// waitpid(2)'s raw status word for `pid`, once it has ended.
    public static func waitStatus(of pid: pid_t) throws(SystemCallError) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SystemCallError("waitpid", path: "pid \(pid)", errno: errno) }
        }
        return status
    }
}
