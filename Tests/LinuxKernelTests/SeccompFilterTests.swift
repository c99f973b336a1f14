#if canImport(Glibc)
import Glibc
#endif
import CLinux
import LinuxKernel
import Testing

/// The seccomp filter is a BPF program; these tests run it here, instruction by instruction, the
/// way the kernel would for a system call, and check each verdict.
@Suite("The seccomp filter's BPF program")
struct SeccompFilterTests {
    /// A classic-BPF interpreter for the opcodes the filter uses, over `struct seccomp_data`.
    static func verdict(_ program: [BPFInstruction], call: UInt32, arch: UInt32 = dy_audit_arch(), firstArgument: UInt32 = 0) -> UInt32? {
        var pc = 0
        var accumulator: UInt32 = 0
        for _ in 0..<program.count {   // classic BPF only jumps forward: at most one pass
            guard pc < program.count else { return nil }
            let instruction = program[pc]
            switch instruction.code {
            case BPFInstruction.loadWord:
                switch instruction.k {
                case 0: accumulator = call
                case 4: accumulator = arch
                case 16: accumulator = firstArgument
                default: return nil
                }
                pc += 1
            case BPFInstruction.jumpIfEqual:
                pc += 1 + Int(accumulator == instruction.k ? instruction.jumpIfTrue : instruction.jumpIfFalse)
            case BPFInstruction.jumpIfAtLeast:
                pc += 1 + Int(accumulator >= instruction.k ? instruction.jumpIfTrue : instruction.jumpIfFalse)
            case BPFInstruction.jumpIfAnyBit:
                pc += 1 + Int(accumulator & instruction.k != 0 ? instruction.jumpIfTrue : instruction.jumpIfFalse)
            case BPFInstruction.returnValue:
                return instruction.k
            default:
                return nil
            }
        }
        return nil
    }

    let program = SeccompFilter(.dockerDefault).program
    let eperm = SeccompFilter.fail(EPERM)

    func number(_ name: String) throws -> UInt32 { try #require(SeccompFilter.number(name)) }

    @Test("every refused call of the profile gets EPERM")
    func refused() throws {
        for name in ["mount", "umount2", "unshare", "setns", "keyctl", "bpf", "kexec_load", "init_module", "reboot", "pivot_root"] {
            #expect(Self.verdict(program, call: try number(name)) == eperm, "\(name)")
        }
        #expect(SeccompFilter(.dockerDefault).refusedCalls.count >= 40)
    }

    @Test("a call not in the profile is allowed")
    func allowed() {
        // 0 is read on x86_64 and io_setup on arm64; neither is refused.
        #expect(Self.verdict(program, call: 0) == SeccompFilter.allow)
    }

    @Test("clone is refused only with a namespace flag; clone3 answers ENOSYS")
    func clone() throws {
        let clone = try number("clone")
        #expect(Self.verdict(program, call: clone, firstArgument: UInt32(SIGCHLD)) == SeccompFilter.allow)
        #expect(Self.verdict(program, call: clone, firstArgument: 0x1000_0000 | UInt32(SIGCHLD)) == eperm)   // CLONE_NEWUSER
        #expect(Self.verdict(program, call: clone, firstArgument: 0x0002_0000) == eperm)                      // CLONE_NEWNS
        #expect(Self.verdict(program, call: try number("clone3")) == SeccompFilter.fail(ENOSYS))
    }

    @Test("another architecture's calls, and x32's, are refused")
    func otherABIs() throws {
        #expect(Self.verdict(program, call: 0, arch: 0x4000_0003) == eperm)   // AUDIT_ARCH_I386
        if dy_foreign_syscall_bit() != 0 {
            #expect(Self.verdict(program, call: dy_foreign_syscall_bit()) == eperm)
        }
    }

    @Test("a capability given back lifts the calls it stands for, as Docker's profile does")
    func lifted() throws {
        let lifted = SeccompFilter(SeccompProfile.dockerDefault.lifted(by: [.sysAdmin])).program
        #expect(Self.verdict(lifted, call: try number("mount")) == SeccompFilter.allow)
        #expect(Self.verdict(lifted, call: try number("clone"), firstArgument: 0x1000_0000) == SeccompFilter.allow)
        #expect(Self.verdict(lifted, call: try number("reboot")) == eperm)
        #expect(Self.verdict(lifted, call: try number("keyctl")) == eperm)
    }

    @Test("every jump lands inside the program")
    func jumpsInRange() {
        for (index, instruction) in program.enumerated() where instruction.code & 0x07 == 0x05 {
            #expect(index + 1 + Int(max(instruction.jumpIfTrue, instruction.jumpIfFalse)) < program.count)
        }
    }
}
