import CLinux

/// A `SeccompProfile` resolved for one process on this machine: the entries its capabilities,
/// this architecture and this kernel select (as Docker selects them), turned into one decision
/// per system call number. This is what `SeccompFilter` compiles to BPF.
///
/// The semantics are libseccomp's, which Docker's profile relies on:
/// - an entry whose `includes` do not all hold, or any of whose `excludes` holds, is left out;
///   capabilities are looked up in the bounding set, arches are Go's names (`amd64`), and
///   `minKernel` is compared with the running kernel's major.minor;
/// - a name this architecture lacks (`chown32` on x86_64) is skipped;
/// - an entry without `args` decides the call outright, whatever its position: libseccomp keeps
///   the shorter rule ("the existing filter is at least as large"), and the first such entry wins;
/// - otherwise the call's conditional entries are tried in profile order, the first whose
///   comparisons all hold decides; when none holds, the default action applies;
/// - a call no selected entry names gets the default action. As runc does, a number above the
///   highest one the selected entries name answers ENOSYS instead (unless the default allows), so
///   a C library probing a call newer than the profile falls back rather than fails.
public struct SeccompRules: Sendable, Equatable {
    /// A conditional rule: all comparisons hold -> `verdict`.
    public struct Rule: Sendable, Equatable {
        public var comparisons: [SeccompProfile.Argument]
        public var verdict: UInt32
    }

    /// Everything the filter decides for one system call number.
    public struct Call: Sendable, Equatable {
        public var number: UInt32
        public var name: String
        /// Set when an entry without arguments names the call: the verdict for every argument.
        public var unconditional: UInt32?
        public var conditional: [Rule] = []
    }

    /// Calls with a decision of their own, sorted by number.
    public var calls: [Call]
    /// The verdict for a call no selected entry names.
    public var defaultVerdict: UInt32
    /// Numbers above this answer ENOSYS (runc's stub); nil when the default allows.
    public var enosysAbove: UInt32?

    /// Resolves `profile` for a process whose bounding set is `capabilities`.
    public init(_ profile: SeccompProfile, capabilities: Set<Capability>,
                kernel: KernelVersion = .running, architecture: String = SeccompRules.nativeArchitecture) {
        let capabilityNames = Set(capabilities.map { "CAP_" + $0.name })
        var byNumber: [UInt32: Call] = Dictionary(minimumCapacity: 512)
        for entry in profile.syscalls where Self.selects(entry, capabilityNames, kernel, architecture) {
            let verdict = SeccompFilter.verdict(entry.action, errno: entry.errnoRet)
            for name in entry.names {
                guard let number = SeccompFilter.number(name) else { continue }
                var call = byNumber[number] ?? Call(number: number, name: name)
                if let comparisons = entry.args, !comparisons.isEmpty {
                    call.conditional.append(Rule(comparisons: comparisons, verdict: verdict))
                } else if call.unconditional == nil {
                    call.unconditional = verdict
                }
                byNumber[number] = call
            }
        }
        calls = byNumber.values.sorted { $0.number < $1.number }
        defaultVerdict = SeccompFilter.verdict(profile.defaultAction, errno: profile.defaultErrnoRet)
        switch profile.defaultAction {
        case .allow, .log, .trace: enosysAbove = nil   // runc's isAllowAction: no stub
        default: enosysAbove = calls.last?.number
        }
    }

    /// Docker's test of `includes` and `excludes` (moby/profiles seccomp_linux.go, setupSeccomp).
    static func selects(_ entry: SeccompProfile.Entry, _ capabilities: Set<String>,
                        _ kernel: KernelVersion, _ architecture: String) -> Bool {
        if let excludes = entry.excludes {
            if excludes.arches?.contains(architecture) == true { return false }
            if excludes.caps?.contains(where: capabilities.contains) == true { return false }
            if let minimum = excludes.minKernel.flatMap(KernelVersion.init), kernel >= minimum { return false }
        }
        if let includes = entry.includes {
            if let arches = includes.arches, !arches.isEmpty, !arches.contains(architecture) { return false }
            if let caps = includes.caps, !caps.allSatisfy(capabilities.contains) { return false }
            if let minimum = includes.minKernel.flatMap(KernelVersion.init), kernel < minimum { return false }
        }
        return true
    }

    /// This machine's architecture as Docker's profile names it (Go's GOARCH, via moby's goToNative).
    public static var nativeArchitecture: String {
        #if arch(x86_64)
        "amd64"
        #elseif arch(arm64)
        "arm64"
        #else
        "unknown"
        #endif
    }
}

extension SeccompRules {
    /// Whether call `name` is allowed whatever its arguments (false when this architecture lacks it).
    public func allows(_ name: String) -> Bool {
        guard let number = SeccompFilter.number(name) else { return false }
        guard let call = calls.first(where: { $0.number == number }) else { return defaultVerdict == SeccompFilter.allow }
        return call.unconditional.map { $0 == SeccompFilter.allow } ?? false
    }
}
