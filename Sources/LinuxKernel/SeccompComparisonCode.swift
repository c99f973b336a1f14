/// The BPF for one conditional seccomp rule: its argument comparisons, then its verdict.
///
/// A system call argument is 64 bits, and classic BPF's accumulator 32: `seccomp_data.args[i]`
/// is read as two words, the high one at offset 20 + 8i and the low one at 16 + 8i (little-endian),
/// and each comparison is decided on the high word first, on the low word only when they tie.
/// `personality(0xffffffff)` and `personality(0x1_ffffffff)` differ only in the high word.
enum SeccompComparisonCode {
    /// Where a comparison's jump goes: on to the next instruction, past this comparison (it holds),
    /// or past the rule's verdict to the next rule (it fails).
    enum Target { case next, holds, fails }

    /// An instruction whose jumps are still named, not counted.
    struct Step {
        var instruction: BPFInstruction
        var ifTrue: Target = .next
        var ifFalse: Target = .next
    }

    /// The rule's comparisons (all must hold), then `ret` its verdict. Fits a conditional jump:
    /// at most six comparisons of at most six instructions each.
    static func rule(_ rule: SeccompRules.Rule) -> [BPFInstruction] {
        let comparisons = rule.comparisons.map(steps)
        let length = comparisons.reduce(1) { $0 + $1.count }   // + the ret
        var code: [BPFInstruction] = []
        for steps in comparisons {
            let end = code.count + steps.count
            for step in steps {
                let here = code.count
                func offset(_ target: Target) -> Int {
                    switch target {
                    case .next: 0
                    case .holds: end - here - 1
                    case .fails: length - here - 1
                    }
                }
                var instruction = step.instruction
                instruction.jumpIfTrue = UInt8(offset(step.ifTrue))
                instruction.jumpIfFalse = UInt8(offset(step.ifFalse))
                code.append(instruction)
            }
        }
        return code + [.ret(rule.verdict)]
    }

    /// One comparison of a 64-bit argument, unsigned, as libseccomp makes it.
    static func steps(_ argument: SeccompProfile.Argument) -> [Step] {
        let high = BPFInstruction.load(offset: 20 + 8 * argument.index)
        let low = BPFInstruction.load(offset: 16 + 8 * argument.index)
        let value = argument.value
        let (valueHigh, valueLow) = (UInt32(truncatingIfNeeded: value >> 32), UInt32(truncatingIfNeeded: value))
        func jump(_ code: UInt16, _ k: UInt32, _ ifTrue: Target, _ ifFalse: Target) -> Step {
            Step(instruction: .jump(code, k, ifTrue: 0, ifFalse: 0), ifTrue: ifTrue, ifFalse: ifFalse)
        }
        let eq = BPFInstruction.jumpIfEqual, gt = BPFInstruction.jumpIfGreater, ge = BPFInstruction.jumpIfAtLeast
        switch argument.op {
        case .equal:
            return [Step(instruction: high), jump(eq, valueHigh, .next, .fails), Step(instruction: low), jump(eq, valueLow, .next, .fails)]
        case .notEqual:
            return [Step(instruction: high), jump(eq, valueHigh, .next, .holds), Step(instruction: low), jump(eq, valueLow, .fails, .next)]
        case .greaterThan:
            return [Step(instruction: high), jump(gt, valueHigh, .holds, .next), jump(eq, valueHigh, .next, .fails),
                    Step(instruction: low), jump(gt, valueLow, .next, .fails)]
        case .greaterOrEqual:
            return [Step(instruction: high), jump(gt, valueHigh, .holds, .next), jump(eq, valueHigh, .next, .fails),
                    Step(instruction: low), jump(ge, valueLow, .next, .fails)]
        case .lessThan:   // not (>=)
            return [Step(instruction: high), jump(gt, valueHigh, .fails, .next), jump(eq, valueHigh, .next, .holds),
                    Step(instruction: low), jump(ge, valueLow, .fails, .next)]
        case .lessOrEqual:   // not (>)
            return [Step(instruction: high), jump(gt, valueHigh, .fails, .next), jump(eq, valueHigh, .next, .holds),
                    Step(instruction: low), jump(gt, valueLow, .fails, .next)]
        case .maskedEqual:   // (arg & value) == valueTwo
            let wanted = argument.valueTwo ?? 0
            return [Step(instruction: high), Step(instruction: .mask(valueHigh)),
                    jump(eq, UInt32(truncatingIfNeeded: wanted >> 32), .next, .fails),
                    Step(instruction: low), Step(instruction: .mask(valueLow)),
                    jump(eq, UInt32(truncatingIfNeeded: wanted), .next, .fails)]
        }
    }
}
