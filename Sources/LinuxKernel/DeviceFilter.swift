/// The devices cgroup on cgroup v2: an eBPF program of type BPF_PROG_TYPE_CGROUP_DEVICE, attached
/// to the container's cgroup directory. cgroup v2 has no devices.allow file; instead the kernel
/// runs this program on every open(2) and mknod(2) of a device node by a process in the cgroup,
/// with r1 pointing at
///
///     struct bpf_cgroup_dev_ctx { u32 access_type;  /* (access << 16) | type */  u32 major; u32 minor; }
///
/// and the program answers 1 (allowed) or 0 (refused: the call fails with EPERM). Built from the
/// same `DeviceRule` list cgroup v1 gets as text, one block per rule, first match wins:
///
///         r2 = access_type & 0xffff          the node's type: 1 block, 2 character
///         r3 = access_type >> 16             what is asked: 1 mknod, 2 read, 4 write
///         r4 = major
///         r5 = minor
///     rule:
///         if r2 != TYPE goto next            (left out for `a`: every type)
///         w1 = w3; w1 &= ACCESS
///         if r1 != r3 goto next              (left out for rwm: asked must lie within ACCESS)
///         if r4 != MAJOR goto next           (left out for `*`)
///         if r5 != MINOR goto next           (left out for `*`)
///         r0 = 1; exit                       allowed
///     next: … the next rule …
///         r0 = 0; exit                       no rule matched: refused
///
/// The layout follows runc's devicefilter.go and crun's ebpf.c, so `bpftool prog dump` of a
/// Dockyard container reads like one of theirs.
public struct DeviceFilter: Sendable, Equatable {
    public let rules: [DeviceRule]
    public let program: [EBPFInstruction]

    public init(allowing rules: [DeviceRule]) {
        self.rules = rules
        var program: [EBPFInstruction] = [
            .loadWord(into: 2, from: 1, offset: 0), .and(2, 0xFFFF),
            .loadWord(into: 3, from: 1, offset: 0), .shiftRight(3, 16),
            .loadWord(into: 4, from: 1, offset: 4),
            .loadWord(into: 5, from: 1, offset: 8),
        ]
        for rule in rules { program += Self.block(for: rule) }
        program += [.move(0, 0), .exit]
        self.program = program
    }

    /// One rule's block. Each test jumps past the block's end (to the next rule) when it fails;
    /// eBPF jump offsets count from the instruction after the jump.
    static func block(for rule: DeviceRule) -> [EBPFInstruction] {
        enum Test { case type(Int32), access(Int32), major(Int32), minor(Int32) }
        var tests: [Test] = []
        switch rule.kind {
        case .all: break
        case .block: tests.append(.type(1))        // BPF_DEVCG_DEV_BLOCK
        case .character: tests.append(.type(2))    // BPF_DEVCG_DEV_CHAR
        }
        if rule.access != .all { tests.append(.access(Int32(rule.access.rawValue))) }
        // Majors fit 12 bits and minors 20: the immediate's sign extension never matters.
        if let major = rule.major { tests.append(.major(Int32(bitPattern: major))) }
        if let minor = rule.minor { tests.append(.minor(Int32(bitPattern: minor))) }

        var block: [EBPFInstruction] = []
        let accept: [EBPFInstruction] = [.move(0, 1), .exit]
        let length = tests.reduce(accept.count) { total, test in
            if case .access = test { return total + 3 }
            return total + 1
        }
        func skipToEnd() -> Int16 { Int16(length - block.count - 1) }
        for test in tests {
            switch test {
            case let .type(value): block.append(.jumpIfNotEqual(2, value, offset: skipToEnd()))
            case let .access(value):
                block.append(.moveRegister(1, 3))
                block.append(.and(1, value))
                block.append(.jumpIfRegistersDiffer(1, 3, offset: skipToEnd()))
            case let .major(value): block.append(.jumpIfNotEqual(4, value, offset: skipToEnd()))
            case let .minor(value): block.append(.jumpIfNotEqual(5, value, offset: skipToEnd()))
            }
        }
        return block + accept
    }
}

/// One eBPF instruction in the kernel's layout (`struct bpf_insn`, 8 bytes): an opcode, a
/// destination and a source register (r0 is the return value, r1 the program's argument), a
/// signed jump offset and a 32-bit immediate. Only the few opcodes `DeviceFilter` uses are named.
public struct EBPFInstruction: Sendable, Equatable, CustomStringConvertible {
    public var code: UInt8
    public var destination: UInt8
    public var source: UInt8
    public var offset: Int16
    public var immediate: Int32

    public init(code: UInt8, destination: UInt8 = 0, source: UInt8 = 0, offset: Int16 = 0, immediate: Int32 = 0) {
        self.code = code
        self.destination = destination
        self.source = source
        self.offset = offset
        self.immediate = immediate
    }

    // Opcodes: class | operation | source (BPF_K an immediate, BPF_X a register).
    public static let loadWordCode: UInt8 = 0x61      // BPF_LDX | BPF_MEM | BPF_W
    public static let andCode: UInt8 = 0x54           // BPF_ALU | BPF_AND | BPF_K   (32-bit)
    public static let shiftRightCode: UInt8 = 0x74    // BPF_ALU | BPF_RSH | BPF_K
    public static let moveCode: UInt8 = 0xb4          // BPF_ALU | BPF_MOV | BPF_K
    public static let moveRegisterCode: UInt8 = 0xbc  // BPF_ALU | BPF_MOV | BPF_X
    public static let jumpNotEqualCode: UInt8 = 0x55  // BPF_JMP | BPF_JNE | BPF_K
    public static let jumpRegistersDifferCode: UInt8 = 0x5d  // BPF_JMP | BPF_JNE | BPF_X
    public static let exitCode: UInt8 = 0x95          // BPF_JMP | BPF_EXIT

    /// rD = *(u32 *)(rS + offset)
    static func loadWord(into d: UInt8, from s: UInt8, offset: Int16) -> Self { Self(code: loadWordCode, destination: d, source: s, offset: offset) }
    /// wD &= value
    static func and(_ d: UInt8, _ value: Int32) -> Self { Self(code: andCode, destination: d, immediate: value) }
    /// wD >>= bits
    static func shiftRight(_ d: UInt8, _ bits: Int32) -> Self { Self(code: shiftRightCode, destination: d, immediate: bits) }
    /// wD = value
    static func move(_ d: UInt8, _ value: Int32) -> Self { Self(code: moveCode, destination: d, immediate: value) }
    /// wD = wS
    static func moveRegister(_ d: UInt8, _ s: UInt8) -> Self { Self(code: moveRegisterCode, destination: d, source: s) }
    /// if rD != value: skip `offset` instructions
    static func jumpIfNotEqual(_ d: UInt8, _ value: Int32, offset: Int16) -> Self {
        Self(code: jumpNotEqualCode, destination: d, offset: offset, immediate: value)
    }
    /// if rD != rS: skip `offset` instructions
    static func jumpIfRegistersDiffer(_ d: UInt8, _ s: UInt8, offset: Int16) -> Self {
        Self(code: jumpRegistersDifferCode, destination: d, source: s, offset: offset)
    }
    static let exit = Self(code: exitCode)

    /// The instruction as a disassembler writes it, e.g. `if r4 != 1 goto +3`.
    public var description: String {
        switch code {
        case Self.loadWordCode: "r\(destination) = *(u32 *)(r\(source) + \(offset))"
        case Self.andCode: "w\(destination) &= \(immediate)"
        case Self.shiftRightCode: "w\(destination) >>= \(immediate)"
        case Self.moveCode: "w\(destination) = \(immediate)"
        case Self.moveRegisterCode: "w\(destination) = w\(source)"
        case Self.jumpNotEqualCode: "if r\(destination) != \(immediate) goto +\(offset)"
        case Self.jumpRegistersDifferCode: "if r\(destination) != r\(source) goto +\(offset)"
        case Self.exitCode: "exit"
        default: "code 0x\(String(code, radix: 16))"
        }
    }
}
