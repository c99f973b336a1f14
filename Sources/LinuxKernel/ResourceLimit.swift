/// One of a process's resource limits (setrlimit(2)): the kernel refuses to let the process go
/// past `soft`, and only a privileged process may raise `soft` above `hard` or raise `hard`.
/// Limits are inherited across fork and exec, so setting them on a container's first process
/// (and on each `exec`'d one) limits everything it runs. Docker's `--ulimit nofile=1024:2048`.
public struct ResourceLimit: Codable, Sendable, Equatable {
    /// Docker's name for it, e.g. "nofile".
    public var name: String
    public var soft: Int64
    public var hard: Int64

    public init(name: String, soft: Int64, hard: Int64) {
        self.name = name
        self.soft = soft
        self.hard = hard
    }

    /// Docker's names (go-units) and the kernel's RLIMIT_* numbers on Linux.
    public static let resources: [String: Int32] = [
        "cpu": 0, "fsize": 1, "data": 2, "stack": 3, "core": 4, "rss": 5, "nproc": 6, "nofile": 7,
        "memlock": 8, "as": 9, "locks": 10, "sigpending": 11, "msgqueue": 12, "nice": 13, "rtprio": 14, "rttime": 15,
    ]

    /// The RLIMIT_* number.
    public var resource: Int32 { Self.resources[name] ?? -1 }

    /// A limit as the kernel takes it: -1 is RLIM_INFINITY, all bits set.
    public static func kernelValue(_ value: Int64) -> UInt64 { value < 0 ? UInt64.max : UInt64(value) }

    /// A problem with a `--ulimit` value, in go-units' words.
    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `name=soft[:hard]`, as Docker parses it; a missing hard limit equals the soft one.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw ParseError(description: "invalid ulimit argument: \(text)") }
        let name = String(parts[0])
        guard Self.resources[name] != nil else { throw ParseError(description: "invalid ulimit type: \(name)") }
        let values = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard values.count <= 2, let soft = Int64(values[0]), let hard = values.count == 2 ? Int64(values[1]) : soft else {
            throw ParseError(description: "invalid ulimit argument: \(text)")
        }
        if hard >= 0, soft < 0 || soft > hard {
            throw ParseError(description: "ulimit soft limit must be less than or equal to hard limit: \(soft) > \(hard)")
        }
        self.init(name: name, soft: soft, hard: hard)
    }

    /// Docker's text for it again, `nofile=1024:2048`.
    public var text: String { "\(name)=\(soft):\(hard)" }
}
