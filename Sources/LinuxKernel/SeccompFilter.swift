import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// One classic BPF instruction, as the kernel's `struct sock_filter` lays it out.
public struct BPFInstruction: Sendable, Equatable {
    public var code: UInt16
    public var jumpIfTrue: UInt8
    public var jumpIfFalse: UInt8
    public var k: UInt32

    // The few opcodes a seccomp filter needs (linux/bpf_common.h).
    public static let loadWord: UInt16 = 0x20        // BPF_LD | BPF_W | BPF_ABS: A = data[k]
    public static let and: UInt16 = 0x54             // BPF_ALU | BPF_AND | BPF_K: A &= k
    public static let jumpAlways: UInt16 = 0x05      // BPF_JMP | BPF_JA: skip k instructions
    public static let jumpIfEqual: UInt16 = 0x15     // BPF_JMP | BPF_JEQ | BPF_K
    public static let jumpIfGreater: UInt16 = 0x25   // BPF_JMP | BPF_JGT | BPF_K
    public static let jumpIfAtLeast: UInt16 = 0x35   // BPF_JMP | BPF_JGE | BPF_K
    public static let jumpIfAnyBit: UInt16 = 0x45    // BPF_JMP | BPF_JSET | BPF_K
    public static let returnValue: UInt16 = 0x06     // BPF_RET | BPF_K

    static func load(offset: UInt32) -> Self { Self(code: loadWord, jumpIfTrue: 0, jumpIfFalse: 0, k: offset) }
    static func ret(_ value: UInt32) -> Self { Self(code: returnValue, jumpIfTrue: 0, jumpIfFalse: 0, k: value) }
    static func mask(_ bits: UInt32) -> Self { Self(code: and, jumpIfTrue: 0, jumpIfFalse: 0, k: bits) }
    static func skip(_ count: Int) -> Self { Self(code: jumpAlways, jumpIfTrue: 0, jumpIfFalse: 0, k: UInt32(count)) }
    static func jump(_ code: UInt16, _ k: UInt32, ifTrue: Int, ifFalse: Int) -> Self {
        Self(code: code, jumpIfTrue: UInt8(ifTrue), jumpIfFalse: UInt8(ifFalse), k: k)
    }
}

/// A seccomp profile compiled, for one process, to the BPF program the kernel runs for each of
/// its system calls (`SeccompRules` says what it decides; this says how).
///
/// The program reads `struct seccomp_data` (nr at offset 0, arch at 4, args[i] at 16 + 8i, low
/// word first on this little-endian machine) and ends in a verdict. Its shape:
///
///     arch != this architecture's        -> EPERM (only the native ABI; x32's calls too)
///     nr > the highest number named      -> ENOSYS (runc's stub, so libc falls back)
///     binary search on nr:  jge <middle> -> the upper half, else the lower half, down to
///     leaves of a few calls:   jeq <nr>  -> its argument checks: each rule's comparisons on all
///                                           64 bits (high word, then low), all hold -> its
///                                           verdict; else next rule
///                           or jeq <nr>  -> a `ret` shared by the leaf's calls with that verdict
///                              otherwise -> the default verdict (EPERM)
///
/// Classic BPF jumps only forward, and a conditional jump at most 255 instructions: where a
/// half of the search tree is longer, an unconditional `ja` (32-bit offset) carries the jump.
/// A search costs some 20 instructions per call, where a flat list of 370 calls would cost 370.
public struct SeccompFilter: Sendable {
    /// What the program decides for each call. A program from `SeccompProgramCache` resolves
    /// them again only when asked (`--explain`), from the profile it was compiled from.
    public var rules: SeccompRules {
        switch source {
        case let .rules(rules): rules
        case let .profile(profile, capabilities, kernel): SeccompRules(profile, capabilities: capabilities, kernel: kernel)
        }
    }
    /// The program the kernel runs.
    public var program: [BPFInstruction]
    private let source: Source

    /// Where `rules` come from: kept, or resolved again from a cached program's profile.
    private enum Source: Sendable {
        case rules(SeccompRules)
        case profile(SeccompProfile, Set<Capability>, KernelVersion)
    }

    /// The kernel refuses longer programs (BPF_MAXINSNS).
    public static let maximumLength = 4096
    /// Calls a leaf of the search tests one after another.
    static let leafSize = 8

    public init(_ rules: SeccompRules) {
        source = .rules(rules)
        program = Self.header(rules) + Self.search(rules.calls[...], rules.defaultVerdict)
    }

    /// A program compiled earlier from `profile` for `capabilities` on `kernel` (`SeccompProgramCache`).
    init(cachedProgram: [BPFInstruction], profile: SeccompProfile, capabilities: Set<Capability>, kernel: KernelVersion) {
        source = .profile(profile, capabilities, kernel)
        program = cachedProgram
    }

    /// `profile` for a process whose bounding set is `capabilities`, on the running kernel.
    public init(_ profile: SeccompProfile, capabilities: Set<Capability>, kernel: KernelVersion = .running) {
        self.init(SeccompRules(profile, capabilities: capabilities, kernel: kernel))
    }

    /// What a filter returns (linux/seccomp.h).
    public static let allow: UInt32 = 0x7fff_0000
    public static func fail(_ errno: Int32) -> UInt32 { 0x0005_0000 | (UInt32(errno) & 0xffff) }

    /// The SECCOMP_RET_* value of a profile's action; an ERRNO without a number is EPERM, as in runc.
    public static func verdict(_ action: SeccompAction, errno: UInt32?) -> UInt32 {
        switch action {
        case .allow: allow
        case .errno: 0x0005_0000 | ((errno ?? UInt32(EPERM)) & 0xffff)
        case .kill, .killThread: 0x0000_0000
        case .killProcess: 0x8000_0000
        case .trap: 0x0003_0000
        case .trace: 0x7ff0_0000 | ((errno ?? 0) & 0xffff)
        case .log: 0x7ffc_0000
        }
    }

    /// A system call's number here, or nil when this architecture has no such call.
    public static func number(_ name: String) -> UInt32? {
        let number = dy_syscall_number(name)
        return number < 0 ? nil : UInt32(number)
    }

    /// The checks before the search: the architecture, x32, and numbers past the profile.
    static func header(_ rules: SeccompRules) -> [BPFInstruction] {
        let eperm = fail(EPERM)
        // Not this architecture: EPERM; else go on past the ret.
        var head: [BPFInstruction] = [.load(offset: 4), .jump(BPFInstruction.jumpIfEqual, dy_audit_arch(), ifTrue: 1, ifFalse: 0),
                                      .ret(eperm), .load(offset: 0)]
        let foreignBit = dy_foreign_syscall_bit()
        if foreignBit != 0 {
            head += [.jump(BPFInstruction.jumpIfAtLeast, foreignBit, ifTrue: 0, ifFalse: 1), .ret(eperm)]
        }
        if let highest = rules.enosysAbove {
            head += [.jump(BPFInstruction.jumpIfGreater, highest, ifTrue: 0, ifFalse: 1), .ret(fail(ENOSYS))]
        }
        return head
    }

    /// A binary search over `calls` (sorted by number, nr in the accumulator); every path returns.
    static func search(_ calls: ArraySlice<SeccompRules.Call>, _ fallback: UInt32) -> [BPFInstruction] {
        guard calls.count > leafSize else { return leaf(calls, fallback) }
        let middle = calls.startIndex + calls.count / 2
        let lower = search(calls[..<middle], fallback), upper = search(calls[middle...], fallback)
        let pivot = calls[middle].number
        if lower.count <= 255 {
            return [.jump(BPFInstruction.jumpIfAtLeast, pivot, ifTrue: lower.count, ifFalse: 0)] + lower + upper
        }
        // Too far for a conditional jump: true lands on a `ja` over the lower half.
        return [.jump(BPFInstruction.jumpIfAtLeast, pivot, ifTrue: 0, ifFalse: 1), .skip(lower.count)] + lower + upper
    }

    /// A few calls tested in turn; none matched: `fallback`. A call with argument checks is followed
    /// by them; a call allowed (or refused) outright jumps to one `ret` its verdict shares with the
    /// leaf's other such calls, placed after the fallback, and a call whose verdict is the fallback
    /// is not tested at all. Most of Docker's ~370 calls are allowed outright, so this shortens its
    /// program from 805 instructions to 563, and with it the kernel's work to check and compile it
    /// at every container's start.
    static func leaf(_ calls: ArraySlice<SeccompRules.Call>, _ fallback: UInt32) -> [BPFInstruction] {
        var code: [BPFInstruction] = []
        var shared: [UInt32] = []                          // the verdicts the leaf's `ret`s give, in order
        var jumps: [(at: Int, verdict: UInt32)] = []       // tests whose true branch goes to one of them
        for call in calls {
            if let verdict = call.unconditional {
                guard verdict != fallback else { continue }   // what falling through returns anyway
                if !shared.contains(verdict) { shared.append(verdict) }
                jumps.append((code.count, verdict))
                code.append(.jump(BPFInstruction.jumpIfEqual, call.number, ifTrue: 0, ifFalse: 0))   // target set below
                continue
            }
            code += testWithHandler(call, fallback)
        }
        code.append(.ret(fallback))
        let sharedStart = code.count
        code += shared.map { .ret($0) }
        for jump in jumps {
            let distance = sharedStart + (shared.firstIndex(of: jump.verdict) ?? 0) - jump.at - 1
            // A conditional jump reaches 255 instructions: past a long argument check, each call
            // gets its own `ret` instead.
            guard distance <= 255 else { return separateLeaf(calls, fallback) }
            code[jump.at].jumpIfTrue = UInt8(distance)
        }
        return code
    }

    /// The leaf with each call followed by its own verdict code (for a leaf too long to share).
    static func separateLeaf(_ calls: ArraySlice<SeccompRules.Call>, _ fallback: UInt32) -> [BPFInstruction] {
        calls.flatMap { testWithHandler($0, fallback) } + [.ret(fallback)]
    }

    /// `jeq <nr>`, then the call's verdict code, which a mismatch jumps over (with a `ja` when it is
    /// longer than a conditional jump reaches).
    static func testWithHandler(_ call: SeccompRules.Call, _ fallback: UInt32) -> [BPFInstruction] {
        let handler = verdictCode(call, fallback)
        if handler.count <= 255 {
            return [.jump(BPFInstruction.jumpIfEqual, call.number, ifTrue: 0, ifFalse: handler.count)] + handler
        }
        return [.jump(BPFInstruction.jumpIfEqual, call.number, ifTrue: 1, ifFalse: 0), .skip(handler.count)] + handler
    }

    /// One call's verdict: outright, or its rules in order and then `fallback`.
    static func verdictCode(_ call: SeccompRules.Call, _ fallback: UInt32) -> [BPFInstruction] {
        if let verdict = call.unconditional { return [.ret(verdict)] }
        return call.conditional.flatMap(SeccompComparisonCode.rule) + [.ret(fallback)]
    }
}
