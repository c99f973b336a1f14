import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Which system calls a container may not make: a seccomp profile. The kernel runs the filter
/// built from it (`SeccompFilter`) on every system call, before the call does anything.
///
/// Docker's default profile is an allow-list of some 350 calls; this one is the deny-list of the
/// calls that profile refuses to a container with the default capabilities: loading kernel
/// modules, mounting, changing the clock, rebooting, keyrings, bpf, new namespaces and the like.
/// Most already fail for lack of a capability; the filter is a second wall should one be added.
/// Like Docker's, it follows the capabilities: a call gated by a capability the container was
/// given (`--cap-add SYS_ADMIN` lets `mount` through) is not refused (`lifted(by:)`).
public struct SeccompProfile: Sendable, Equatable {
    /// A refused call, and the capability that lets it through, if any.
    public struct Refusal: Sendable, Equatable {
        public var call: String
        public var unless: Capability?
    }

    /// Calls refused with EPERM.
    public var refused: [Refusal]
    /// Refuse `clone` when it asks for new namespaces (flags CLONE_NEWNS|NEWUTS|NEWIPC|NEWUSER|
    /// NEWPID|NEWNET|NEWCGROUP); a plain fork or thread stays allowed. Lifted by SYS_ADMIN.
    public var refusesNewNamespaces: Bool
    /// Refuse `clone3` with ENOSYS, as Docker does: its flags are in memory the filter cannot
    /// read, and ENOSYS makes the C library fall back to `clone`, which the filter can check.
    public var refusesClone3: Bool

    public static let dockerDefault: SeccompProfile = {
        let gated: [(Capability?, [String])] = [
            (nil, ["add_key", "create_module", "get_kernel_syms", "kexec_file_load", "kexec_load", "keyctl",
                   "nfsservctl", "query_module", "request_key", "_sysctl", "sysfs", "uselib", "userfaultfd", "ustat"]),
            (.sysAdmin, ["bpf", "fsconfig", "fsmount", "fsopen", "fspick", "lookup_dcookie", "mount", "mount_setattr",
                         "move_mount", "open_tree", "perf_event_open", "pivot_root", "quotactl", "setns", "swapoff",
                         "swapon", "umount2", "unshare"]),
            (.sysBoot, ["reboot"]),
            (.sysModule, ["delete_module", "finit_module", "init_module"]),
            (.sysPacct, ["acct"]),
            (.sysPtrace, ["kcmp"]),
            (.sysRawio, ["ioperm", "iopl"]),
            (.sysTime, ["clock_adjtime", "clock_settime", "settimeofday"]),
            (.sysTtyConfig, ["vhangup"]),
            (.sysNice, ["get_mempolicy", "mbind", "move_pages", "set_mempolicy"]),
            (.syslog, ["syslog"]),
            (.dacReadSearch, ["name_to_handle_at", "open_by_handle_at"]),
        ]
        return SeccompProfile(
            refused: gated.flatMap { gate, calls in calls.map { Refusal(call: $0, unless: gate) } },
            refusesNewNamespaces: true, refusesClone3: true)
    }()

    /// The profile for a process holding `capabilities`: calls those capabilities stand for are let through.
    public func lifted(by capabilities: Set<Capability>) -> SeccompProfile {
        var profile = self
        profile.refused.removeAll { $0.unless.map(capabilities.contains) ?? false }
        if capabilities.contains(.sysAdmin) { profile.refusesNewNamespaces = false }
        return profile
    }
}

/// One classic BPF instruction, as the kernel's `struct sock_filter` lays it out.
public struct BPFInstruction: Sendable, Equatable {
    public var code: UInt16
    public var jumpIfTrue: UInt8
    public var jumpIfFalse: UInt8
    public var k: UInt32

    // The few opcodes a seccomp filter needs (linux/bpf_common.h).
    public static let loadWord: UInt16 = 0x20        // BPF_LD | BPF_W | BPF_ABS: A = data[k]
    public static let jumpIfEqual: UInt16 = 0x15     // BPF_JMP | BPF_JEQ | BPF_K
    public static let jumpIfAtLeast: UInt16 = 0x35   // BPF_JMP | BPF_JGE | BPF_K
    public static let jumpIfAnyBit: UInt16 = 0x45    // BPF_JMP | BPF_JSET | BPF_K
    public static let returnValue: UInt16 = 0x06     // BPF_RET | BPF_K

    static func load(offset: UInt32) -> Self { Self(code: loadWord, jumpIfTrue: 0, jumpIfFalse: 0, k: offset) }
    static func ret(_ value: UInt32) -> Self { Self(code: returnValue, jumpIfTrue: 0, jumpIfFalse: 0, k: value) }
    static func jump(_ code: UInt16, _ k: UInt32, ifTrue: Int, ifFalse: Int) -> Self {
        Self(code: code, jumpIfTrue: UInt8(ifTrue), jumpIfFalse: UInt8(ifFalse), k: k)
    }
}

/// A `SeccompProfile` compiled to the BPF program the kernel runs for each system call.
///
/// The program reads `struct seccomp_data` (nr at offset 0, arch at 4, args[0] at 16) and ends
/// in a verdict: allow, or fail with an errno. Its shape:
///
///     arch != this architecture's     -> EPERM (only the native ABI; x32 calls too)
///     nr == clone                     -> refused if args[0] has a namespace flag
///     nr == clone3                    -> ENOSYS
///     nr == each refused call         -> EPERM
///     otherwise                       -> allow
public struct SeccompFilter: Sendable {
    public var profile: SeccompProfile
    public init(_ profile: SeccompProfile) { self.profile = profile }

    /// What a filter returns (linux/seccomp.h).
    public static let allow: UInt32 = 0x7fff_0000
    public static func fail(_ errno: Int32) -> UInt32 { 0x0005_0000 | UInt32(errno) }
    /// CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET.
    public static let namespaceFlags: UInt32 = 0x7E02_0000

    /// The refused calls this architecture has, with their numbers.
    public var refusedCalls: [(name: String, number: UInt32)] {
        profile.refused.compactMap { refusal in Self.number(refusal.call).map { (refusal.call, $0) } }
    }

    /// A system call's number here, or nil when this architecture has no such call.
    public static func number(_ name: String) -> UInt32? {
        let number = dy_syscall_number(name)
        return number < 0 ? nil : UInt32(number)
    }

    /// The program the kernel runs. A classic BPF jump reaches at most 255 instructions ahead,
    /// which bounds a profile to some 250 refused calls (Docker's refuses about 50 here).
    public var program: [BPFInstruction] {
        let eperm = Self.fail(EPERM), enosys = Self.fail(ENOSYS)
        let refused = refusedCalls
        // Built back to front, so every jump knows how far ahead its target is (a jump of n
        // skips n instructions). The last two are the verdicts the refused calls jump to.
        var tail: [BPFInstruction] = [.ret(Self.allow), .ret(eperm)]
        // Each refused call: jeq nr -> the final EPERM.
        for call in refused.reversed() {
            tail.insert(.jump(BPFInstruction.jumpIfEqual, call.number, ifTrue: tail.count - 1, ifFalse: 0), at: 0)
        }
        if profile.refusesClone3, let clone3 = Self.number("clone3") {
            tail.insert(.ret(enosys), at: 0)
            tail.insert(.jump(BPFInstruction.jumpIfEqual, clone3, ifTrue: 0, ifFalse: 1), at: 0)
        }
        if profile.refusesNewNamespaces, let clone = Self.number("clone") {
            // clone: load args[0]'s low word; any namespace flag -> EPERM, else allow.
            let check: [BPFInstruction] = [
                .load(offset: 16),
                .jump(BPFInstruction.jumpIfAnyBit, Self.namespaceFlags, ifTrue: 0, ifFalse: 1),
                .ret(eperm),
                .ret(Self.allow),
            ]
            tail.insert(contentsOf: check, at: 0)
            tail.insert(.jump(BPFInstruction.jumpIfEqual, clone, ifTrue: 0, ifFalse: check.count), at: 0)
        }
        var head: [BPFInstruction] = [.load(offset: 4)]
        let foreignBit = dy_foreign_syscall_bit()
        let afterArch: [BPFInstruction] = foreignBit == 0
            ? [.load(offset: 0)]
            : [.load(offset: 0), .jump(BPFInstruction.jumpIfAtLeast, foreignBit, ifTrue: 0, ifFalse: 1), .ret(eperm)]
        // Not this architecture: EPERM; else go on past the ret.
        head.append(.jump(BPFInstruction.jumpIfEqual, dy_audit_arch(), ifTrue: 1, ifFalse: 0))
        head.append(.ret(eperm))
        return head + afterArch + tail
    }
}
