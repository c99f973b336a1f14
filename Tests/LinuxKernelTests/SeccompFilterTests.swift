#if canImport(Glibc)
import Glibc
#endif
import CLinux
import LinuxKernel
import Testing

/// The seccomp filter is a BPF program compiled from Docker's profile; these tests run it here in
/// an interpreter, the way the kernel would for a system call, and check each verdict against a
/// plain reading of the profile (`SeccompReference`) and against what Docker is known to do.
@Suite("The seccomp filter's BPF program")
struct SeccompFilterTests {
    static let kernel = KernelVersion(major: 6, minor: 18)
    static let eperm = SeccompFilter.fail(EPERM)
    static let capabilitySets: [(String, Set<Capability>)] = [
        ("Docker's default", Capability.dockerDefault),
        ("--cap-add SYS_ADMIN", Capability.dockerDefault.union([.sysAdmin])),
        ("--cap-drop ALL", []),
        ("--privileged's set", Set(Capability.allCases)),
    ]

    /// The verdict of `profile`'s filter for a process holding `capabilities`.
    static func verdict(_ name: String, _ arguments: [UInt64] = []) throws -> UInt32? {
        try verdict(.dockerDefault, Capability.dockerDefault, name, arguments)
    }

    static func verdict(_ profile: SeccompProfile, _ capabilities: Set<Capability>,
                        _ name: String, _ arguments: [UInt64] = [], kernel: KernelVersion = kernel) throws -> UInt32? {
        let number = try #require(SeccompFilter.number(name), "\(name) has no number here")
        let program = SeccompFilter(profile, capabilities: capabilities, kernel: kernel).program
        let padded = arguments + Array(repeating: 0, count: 6 - arguments.count)
        return BPFInterpreter(program: program).verdict(.init(number: number, arch: dy_audit_arch(), arguments: padded))
    }

    /// Argument values around every comparison a profile makes: the value itself, its neighbours,
    /// the same low word under another high word, and each bit of a mask.
    static func probes(for argument: SeccompProfile.Argument) -> [UInt64] {
        let v = argument.value
        var values: [UInt64] = [0, 1, v, v &+ 1, v &- 1, v | 1 << 32, v ^ 1 << 63, UInt64(UInt32.max), .max]
        if argument.op == .maskedEqual {
            let wanted = argument.valueTwo ?? 0
            values += [wanted, wanted | v] + (0..<64).map { wanted | (1 << $0) }
        }
        return values
    }

    /// Compares the compiled filter with the reference for `profile`, for every number up to
    /// `highest`, and for every argument variation of every conditional entry.
    static func expectAgreement(_ profile: SeccompProfile, _ capabilities: Set<Capability>, label: String,
                                highest: UInt32 = 520) {
        let program = SeccompFilter(profile, capabilities: capabilities, kernel: kernel).program
        let interpreter = BPFInterpreter(program: program)
        let reference = SeccompReference(profile, capabilities: capabilities, kernel: kernel)
        for number in Array(0...highest) + [1000, 0x3fff_ffff] {
            let call = BPFInterpreter.SystemCall(number: number, arch: dy_audit_arch())
            #expect(interpreter.verdict(call) == reference.verdict(number: number), "\(label): call \(number)")
        }
        for entry in profile.syscalls {
            let numbers = entry.names.compactMap(SeccompFilter.number)
            for argument in entry.args ?? [] {
                for value in probes(for: argument) {
                    var arguments = Array(repeating: UInt64(0), count: 6)
                    arguments[Int(argument.index)] = value
                    for number in numbers {
                        let call = BPFInterpreter.SystemCall(number: number, arch: dy_audit_arch(), arguments: arguments)
                        #expect(interpreter.verdict(call) == reference.verdict(number: number, arguments: arguments),
                                "\(label): \(entry.names) arg\(argument.index) = \(String(value, radix: 16))")
                    }
                }
            }
        }
    }

    @Test("the compiled default profile agrees with a plain reading of it, call by call, for each capability set",
          arguments: capabilitySets.indices)
    func agreesWithReference(set: Int) {
        let (label, capabilities) = Self.capabilitySets[set]
        Self.expectAgreement(.dockerDefault, capabilities, label: label)
    }

    @Test("personality: only Linux, Linux32 and a query are allowed; ADDR_NO_RANDOMIZE (ASLR off) is EPERM")
    func personality() throws {
        for allowed: UInt64 in [0, 8, 0x20000, 0x20008, 0xffff_ffff] {
            #expect(try Self.verdict("personality", [allowed]) == SeccompFilter.allow, "\(allowed)")
        }
        for refused: UInt64 in [0x0040_0000, 0x1_0000_0000, 0x1_ffff_ffff, 1] {   // ADDR_NO_RANDOMIZE, then high words
            #expect(try Self.verdict("personality", [refused]) == Self.eperm, "\(refused)")
        }
    }

    @Test("socket: every family but AF_ALG and AF_VSOCK")
    func socket() throws {
        for family: UInt64 in [1, 2, 10, 16, 17, 37, 39, 41, 45] {
            #expect(try Self.verdict("socket", [family]) == SeccompFilter.allow, "\(family)")
        }
        #expect(try Self.verdict("socket", [38]) == Self.eperm)   // AF_ALG
        #expect(try Self.verdict("socket", [40]) == Self.eperm)   // AF_VSOCK
        #expect(try Self.verdict("socket", [2 | 1 << 32]) == SeccompFilter.allow)   // 64-bit compare: GT 40
    }

    @Test("clone is refused with a namespace flag unless CAP_SYS_ADMIN; clone3 answers ENOSYS unless CAP_SYS_ADMIN")
    func clone() throws {
        let admin = Capability.dockerDefault.union([.sysAdmin])
        #expect(try Self.verdict("clone", [UInt64(SIGCHLD)]) == SeccompFilter.allow)
        #expect(try Self.verdict("clone", [0x1000_0000 | UInt64(SIGCHLD)]) == Self.eperm)   // CLONE_NEWUSER
        #expect(try Self.verdict("clone", [0x0002_0000]) == Self.eperm)                      // CLONE_NEWNS
        #expect(try Self.verdict(.dockerDefault, admin, "clone", [0x1000_0000]) == SeccompFilter.allow)
        #expect(try Self.verdict("clone3") == SeccompFilter.fail(ENOSYS))
        #expect(try Self.verdict(.dockerDefault, admin, "clone3") == SeccompFilter.allow)
    }

    @Test("calls the profile does not name are EPERM; capabilities unlock the entries that include them")
    func capabilityGated() throws {
        for name in ["keyctl", "add_key", "kexec_load", "fanotify_init", "mount", "umount2", "unshare", "setns", "reboot", "bpf"] {
            #expect(try Self.verdict(name) == Self.eperm, "\(name)")
        }
        let admin = Capability.dockerDefault.union([.sysAdmin])
        for name in ["mount", "umount2", "unshare", "setns", "fanotify_init"] {
            #expect(try Self.verdict(.dockerDefault, admin, name) == SeccompFilter.allow, "\(name)")
        }
        #expect(try Self.verdict(.dockerDefault, admin, "reboot") == Self.eperm)
        #expect(try Self.verdict(.dockerDefault, admin, "keyctl") == Self.eperm)
        #expect(try Self.verdict(.dockerDefault, [], "chroot") == Self.eperm)   // CAP_SYS_CHROOT dropped
        #expect(try Self.verdict("chroot") == SeccompFilter.allow)
    }

    @Test("ptrace and process_vm_readv are allowed from kernel 4.8 on (minKernel), refused before")
    func minimumKernel() throws {
        #expect(try Self.verdict("process_vm_readv") == SeccompFilter.allow)
        #expect(try Self.verdict("ptrace") == SeccompFilter.allow)
        let old = KernelVersion(major: 4, minor: 7)
        #expect(try Self.verdict(.dockerDefault, Capability.dockerDefault, "process_vm_readv", kernel: old) == Self.eperm)
        #expect(try Self.verdict(.dockerDefault, Capability.dockerDefault.union([.sysPtrace]), "ptrace", kernel: old) == SeccompFilter.allow)
        #expect(KernelVersion("6.18.44-fc-v1300") == KernelVersion(major: 6, minor: 18))
        #expect(KernelVersion("4.10") ?? .running > KernelVersion(major: 4, minor: 8))
    }

    @Test("a number past the highest the profile names answers ENOSYS, as runc's stub does; another ABI's calls EPERM")
    func outsideTheTable() throws {
        let program = SeccompFilter(.dockerDefault, capabilities: Capability.dockerDefault, kernel: Self.kernel).program
        let interpreter = BPFInterpreter(program: program)
        let highest = try #require(SeccompRules(.dockerDefault, capabilities: Capability.dockerDefault, kernel: Self.kernel).enosysAbove)
        #expect(highest >= 462, "the table knows the newest calls (mseal is 462)")
        #expect(interpreter.verdict(.init(number: 1000, arch: dy_audit_arch())) == SeccompFilter.fail(ENOSYS))
        #expect(interpreter.verdict(.init(number: highest + 1, arch: dy_audit_arch())) == SeccompFilter.fail(ENOSYS))
        #expect(interpreter.verdict(.init(number: 0, arch: 0x4000_0003)) == Self.eperm)   // AUDIT_ARCH_I386
        if dy_foreign_syscall_bit() != 0 {
            #expect(interpreter.verdict(.init(number: dy_foreign_syscall_bit(), arch: dy_audit_arch())) == Self.eperm)
        }
    }

    @Test("every jump lands inside the program, which fits the kernel's limit and uses ja where a half is far")
    func shape() {
        for (_, capabilities) in Self.capabilitySets {
            let program = SeccompFilter(.dockerDefault, capabilities: capabilities, kernel: Self.kernel).program
            #expect(program.count <= SeccompFilter.maximumLength)
            for (index, instruction) in program.enumerated() where instruction.code & 0x07 == 0x05 {
                let farthest = instruction.code == BPFInstruction.jumpAlways
                    ? Int(instruction.k) : Int(max(instruction.jumpIfTrue, instruction.jumpIfFalse))
                #expect(index + 1 + farthest < program.count)
            }
            #expect(program.contains { $0.code == BPFInstruction.jumpAlways })
        }
    }
}
