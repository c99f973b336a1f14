import FoundationEssentials

/// A seccomp profile in Docker's JSON format (`docker run --security-opt seccomp=FILE.json`): the
/// system calls a container may make, as data. The kernel never sees this; `SeccompFilter`
/// compiles it, for one process's capabilities, into the BPF program the kernel runs on every call.
///
/// Docker's default (`dockerDefault`) is an allow-list: some 370 calls are allowed, a few only
/// with certain arguments (`personality`, `socket`, `clone`) or capabilities (`mount` with
/// CAP_SYS_ADMIN), and every other call fails with EPERM — including calls the kernel adds later.
public struct SeccompProfile: Sendable, Equatable, Codable {
    /// What happens to a call no entry names.
    public var defaultAction: SeccompAction
    /// The errno of a default SCMP_ACT_ERRNO; EPERM when absent.
    public var defaultErrnoRet: UInt32?
    /// Architectures the filter covers (the older form of `archMap`). Dockyard filters the
    /// native architecture only and refuses the others' calls (see `SeccompFilter`).
    public var architectures: [String]?
    public var archMap: [ArchitectureMap]?
    public var syscalls: [Entry]

    /// One `archMap` item: an architecture and the ones whose calls it can also make.
    public struct ArchitectureMap: Sendable, Equatable, Codable {
        public var architecture: String
        public var subArchitectures: [String]?

        public init(architecture: String, subArchitectures: [String]?) {
            self.architecture = architecture
            self.subArchitectures = subArchitectures
        }
    }

    /// One `syscalls[]` item: these calls get `action` when all `args` hold, if the process
    /// passes `includes` and `excludes`.
    public struct Entry: Sendable, Equatable, Codable {
        public var names: [String]
        public var action: SeccompAction
        /// The errno of SCMP_ACT_ERRNO (EPERM when absent), or the message of SCMP_ACT_TRACE.
        public var errnoRet: UInt32?
        public var args: [Argument]?
        public var comment: String?
        public var includes: Condition?
        public var excludes: Condition?

        public init(names: [String], action: SeccompAction, errnoRet: UInt32? = nil, args: [Argument]? = nil,
                    comment: String? = nil, includes: Condition? = nil, excludes: Condition? = nil) {
            self.names = names
            self.action = action
            self.errnoRet = errnoRet
            self.args = args
            self.comment = comment
            self.includes = includes
            self.excludes = excludes
        }
    }

    /// A comparison of one system call argument (`seccomp_data.args[index]`, 64 bits) with `value`.
    /// For SCMP_CMP_MASKED_EQ, `value` is the mask and `valueTwo` what the masked bits must equal.
    public struct Argument: Sendable, Equatable, Codable {
        public var index: UInt32
        public var value: UInt64
        public var valueTwo: UInt64?
        public var op: SeccompComparison

        public init(index: UInt32, value: UInt64, valueTwo: UInt64? = nil, op: SeccompComparison) {
            self.index = index
            self.value = value
            self.valueTwo = valueTwo
            self.op = op
        }
    }

    /// `includes` (all must hold) or `excludes` (any one excludes the entry): capabilities in the
    /// bounding set (`CAP_SYS_ADMIN`), Go architecture names (`amd64`, `arm64`), a kernel version.
    public struct Condition: Sendable, Equatable, Codable {
        public var caps: [String]?
        public var arches: [String]?
        public var minKernel: String?

        public init(caps: [String]? = nil, arches: [String]? = nil, minKernel: String? = nil) {
            self.caps = caps
            self.arches = arches
            self.minKernel = minKernel
        }
    }

    public init(defaultAction: SeccompAction, defaultErrnoRet: UInt32? = nil, architectures: [String]? = nil,
                archMap: [ArchitectureMap]? = nil, syscalls: [Entry]) {
        self.defaultAction = defaultAction
        self.defaultErrnoRet = defaultErrnoRet
        self.architectures = architectures
        self.archMap = archMap
        self.syscalls = syscalls
    }
}

/// What a seccomp filter does with a call (libseccomp's SCMP_ACT_* names, as Docker writes them).
public enum SeccompAction: String, Sendable, Equatable, Codable, CaseIterable, SeccompProfileWord {
    static let what = "action"
    case allow = "SCMP_ACT_ALLOW"
    case errno = "SCMP_ACT_ERRNO"
    case kill = "SCMP_ACT_KILL"
    case killThread = "SCMP_ACT_KILL_THREAD"
    case killProcess = "SCMP_ACT_KILL_PROCESS"
    case trap = "SCMP_ACT_TRAP"
    case trace = "SCMP_ACT_TRACE"
    case log = "SCMP_ACT_LOG"

    public init(from decoder: Decoder) throws { self = try Self.decodeWord(from: decoder) }
}

/// How an argument is compared (libseccomp's SCMP_CMP_*), on all 64 bits, unsigned.
public enum SeccompComparison: String, Sendable, Equatable, Codable, CaseIterable, SeccompProfileWord {
    static let what = "op"
    case notEqual = "SCMP_CMP_NE"
    case lessThan = "SCMP_CMP_LT"
    case lessOrEqual = "SCMP_CMP_LE"
    case equal = "SCMP_CMP_EQ"
    case greaterOrEqual = "SCMP_CMP_GE"
    case greaterThan = "SCMP_CMP_GT"
    case maskedEqual = "SCMP_CMP_MASKED_EQ"

    public init(from decoder: Decoder) throws { self = try Self.decodeWord(from: decoder) }
}

/// One of the closed sets of libseccomp words a profile uses (actions, comparison ops), decoded
/// with an error that names the unknown word and lists the ones Dockyard knows.
protocol SeccompProfileWord: RawRepresentable<String>, CaseIterable {
    /// What the word is, in the error: "action", "op".
    static var what: String { get }
}

extension SeccompProfileWord {
    static func decodeWord(from decoder: Decoder) throws -> Self {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let word = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "unknown \(what) \"\(text)\" (Dockyard knows \(allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        return word
    }
}
