import LinuxKernel

/// A classic-BPF interpreter for the opcodes a seccomp filter uses, over `struct seccomp_data`:
/// it runs a program instruction by instruction, the way the kernel would for a system call.
struct BPFInterpreter {
    /// `struct seccomp_data`: nr, arch, instruction pointer (unused), six 64-bit arguments.
    struct SystemCall {
        var number: UInt32
        var arch: UInt32
        var arguments: [UInt64] = Array(repeating: 0, count: 6)

        /// The 32-bit word at `offset`, little-endian as on x86_64 and arm64; nil if out of bounds.
        func word(at offset: UInt32) -> UInt32? {
            switch offset {
            case 0: return number
            case 4: return arch
            case 16..<64 where offset % 4 == 0:
                let argument = arguments[Int(offset - 16) / 8]
                return offset % 8 == 0 ? UInt32(truncatingIfNeeded: argument) : UInt32(truncatingIfNeeded: argument >> 32)
            default: return nil
            }
        }
    }

    let program: [BPFInstruction]

    /// The verdict the program returns for `call`, or nil if it runs off its end or does
    /// something the kernel's checker would refuse.
    func verdict(_ call: SystemCall) -> UInt32? {
        var pc = 0
        var accumulator: UInt32 = 0
        for _ in 0..<program.count {   // classic BPF only jumps forward: at most one pass
            guard pc < program.count else { return nil }
            let instruction = program[pc]
            func branch(_ taken: Bool) { pc += 1 + Int(taken ? instruction.jumpIfTrue : instruction.jumpIfFalse) }
            switch instruction.code {
            case BPFInstruction.loadWord:
                guard let word = call.word(at: instruction.k) else { return nil }
                accumulator = word
                pc += 1
            case BPFInstruction.and:
                accumulator &= instruction.k
                pc += 1
            case BPFInstruction.jumpAlways: pc += 1 + Int(instruction.k)
            case BPFInstruction.jumpIfEqual: branch(accumulator == instruction.k)
            case BPFInstruction.jumpIfGreater: branch(accumulator > instruction.k)
            case BPFInstruction.jumpIfAtLeast: branch(accumulator >= instruction.k)
            case BPFInstruction.jumpIfAnyBit: branch(accumulator & instruction.k != 0)
            case BPFInstruction.returnValue: return instruction.k
            default: return nil
            }
        }
        return nil
    }
}
