import ContainerRuntime
import LinuxKernel
import Testing

/// cgroup v2's devices controller is an eBPF program; these tests run it here, instruction by
/// instruction, over the context the kernel gives it on an open or mknod, and check each answer.
@Suite("The devices eBPF program")
struct DeviceFilterTests {
    /// An eBPF interpreter for the opcodes `DeviceFilter` uses, over
    /// `struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }`. nil: it ran off
    /// the end or met an opcode it does not know (the kernel's verifier would refuse it).
    static func run(_ program: [EBPFInstruction], _ kind: DeviceRule.Kind, _ major: UInt32, _ minor: UInt32,
                    _ access: DeviceAccess) -> UInt64? {
        let type: UInt32 = kind == .block ? 1 : 2
        let context: [Int16: UInt32] = [0: access.rawValue << 16 | type, 4: major, 8: minor]
        var registers = [UInt64](repeating: 0, count: 11)
        var pc = 0
        for _ in 0..<program.count {   // the program only jumps forward: at most one pass
            guard pc >= 0 && pc < program.count else { return nil }
            let i = program[pc]
            let d = Int(i.destination), s = Int(i.source)
            let immediate = UInt64(bitPattern: Int64(i.immediate))   // sign-extended, as the kernel does
            pc += 1
            switch i.code {
            case EBPFInstruction.loadWordCode:
                guard s == 1, let word = context[i.offset] else { return nil }
                registers[d] = UInt64(word)
            case EBPFInstruction.andCode: registers[d] = UInt64(UInt32(truncatingIfNeeded: registers[d]) & UInt32(bitPattern: i.immediate))
            case EBPFInstruction.shiftRightCode: registers[d] = UInt64(UInt32(truncatingIfNeeded: registers[d]) >> UInt32(i.immediate))
            case EBPFInstruction.moveCode: registers[d] = UInt64(UInt32(bitPattern: i.immediate))
            case EBPFInstruction.moveRegisterCode: registers[d] = UInt64(UInt32(truncatingIfNeeded: registers[s]))
            case EBPFInstruction.jumpNotEqualCode: if registers[d] != immediate { pc += Int(i.offset) }
            case EBPFInstruction.jumpRegistersDifferCode: if registers[d] != registers[s] { pc += Int(i.offset) }
            case EBPFInstruction.exitCode: return registers[0]
            default: return nil
            }
        }
        return nil
    }

    let program = DeviceFilter(allowing: DevicePolicy.dockerDefault).program

    @Test("Docker's default: null, zero, urandom, the terminals and tun open; mknod of anything is allowed")
    func allowed() {
        for (major, minor) in [(1, 3), (1, 5), (1, 7), (1, 8), (1, 9), (5, 0), (5, 2), (136, 0), (136, 7), (10, 200)] as [(UInt32, UInt32)] {
            #expect(Self.run(program, .character, major, minor, [.read, .write]) == 1, "c \(major):\(minor)")
        }
        #expect(Self.run(program, .block, 7, 0, .mknod) == 1)
        #expect(Self.run(program, .character, 1, 11, .mknod) == 1)
    }

    @Test("Docker's default: the host's loop device, kmsg, kvm, userfaultfd, fuse and a disk are refused")
    func refused() {
        #expect(Self.run(program, .block, 7, 0, .read) == 0)
        #expect(Self.run(program, .block, 8, 0, [.read, .write]) == 0)
        #expect(Self.run(program, .character, 1, 11, .write) == 0)
        #expect(Self.run(program, .character, 10, 232, [.read, .write]) == 0)
        #expect(Self.run(program, .character, 10, 126, .read) == 0)
        #expect(Self.run(program, .character, 10, 229, .read) == 0)
        // /dev/null's numbers as a block device are another device.
        #expect(Self.run(program, .block, 1, 3, .read) == 0)
    }

    @Test("a read-only rule lets reads through and refuses writes; `a` allows everything")
    func accessAndAll() {
        let readOnly = DeviceFilter(allowing: [DeviceRule(.character, 1, 3, .read)]).program
        #expect(Self.run(readOnly, .character, 1, 3, .read) == 1)
        #expect(Self.run(readOnly, .character, 1, 3, .write) == 0)
        #expect(Self.run(readOnly, .character, 1, 3, [.read, .write]) == 0)
        #expect(Self.run(readOnly, .character, 1, 3, .mknod) == 0)
        let everything = DeviceFilter(allowing: [.everything]).program
        #expect(Self.run(everything, .block, 8, 0, [.read, .write]) == 1)
    }

    @Test("the program reads the context, then one block per rule, and ends refusing")
    func shape() {
        let filter = DeviceFilter(allowing: [DeviceRule(.character, 1, 3, .read), DeviceRule(.character, 136, nil, .all)])
        #expect(filter.program.map(\.description) == [
            "r2 = *(u32 *)(r1 + 0)", "w2 &= 65535", "r3 = *(u32 *)(r1 + 0)", "w3 >>= 16",
            "r4 = *(u32 *)(r1 + 4)", "r5 = *(u32 *)(r1 + 8)",
            // c 1:3 r: type, access, major, minor, then allow.
            "if r2 != 2 goto +7", "w1 = w3", "w1 &= 2", "if r1 != r3 goto +4", "if r4 != 1 goto +3", "if r5 != 3 goto +2",
            "w0 = 1", "exit",
            // c 136:* rwm: no access or minor test.
            "if r2 != 2 goto +3", "if r4 != 136 goto +2", "w0 = 1", "exit",
            "w0 = 0", "exit",
        ])
    }

    @Test("rules read as cgroup v1's devices.allow lines")
    func lines() {
        #expect(DevicePolicy.dockerDefault.map(\.line) == [
            "c *:* m", "b *:* m", "c 1:3 rwm", "c 1:8 rwm", "c 1:7 rwm", "c 5:0 rwm", "c 1:5 rwm", "c 1:9 rwm",
            "c 136:* rwm", "c 5:2 rwm", "c 10:200 rwm",
        ])
        #expect(DeviceRule.everything.line == "a")
        #expect(DeviceRule(.block, 7, 0, [.read, .mknod]).line == "b 7:0 rm")
    }
}
