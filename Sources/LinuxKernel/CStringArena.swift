import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Owns the C strings handed to the container child. The child is a copy of this process made
/// by clone(2), so these pointers stay valid in it; the parent frees them when the arena goes.
final class CStringArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for pointer in allocations { free(pointer) }
    }

    func string(_ value: String) -> UnsafePointer<CChar> {
        let copy = value.withCString { strdup($0) }
        guard let copy else { fatalError("out of memory copying a launch argument") }
        allocations.append(UnsafeMutableRawPointer(copy))
        return UnsafePointer(copy)
    }

    func optional(_ value: String?) -> UnsafePointer<CChar>? {
        value.map(string)
    }

    /// A NULL-terminated array of C strings, as execve(2) wants for argv and envp.
    func array(_ values: [String]) -> UnsafePointer<UnsafeMutablePointer<CChar>?> {
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: values.count + 1)
        for (index, value) in values.enumerated() {
            buffer[index] = UnsafeMutablePointer(mutating: string(value))
        }
        buffer[values.count] = nil
        allocations.append(UnsafeMutableRawPointer(buffer))
        return UnsafePointer(buffer)
    }

    /// A BPF program in the C layout, kept alive like the strings.
    func program(_ instructions: [BPFInstruction]) -> UnsafePointer<dy_bpf_instruction> {
        let buffer = UnsafeMutablePointer<dy_bpf_instruction>.allocate(capacity: max(1, instructions.count))
        for (index, instruction) in instructions.enumerated() {
            buffer[index] = dy_bpf_instruction(code: instruction.code, jt: instruction.jumpIfTrue,
                                               jf: instruction.jumpIfFalse, k: instruction.k)
        }
        allocations.append(UnsafeMutableRawPointer(buffer))
        return UnsafePointer(buffer)
    }

    /// The C form of one setup step.
    func step(_ step: SetupStep) -> dy_step {
        var c = dy_step()
        switch step {
        case let .mount(m):
            c.kind = Int32(DY_STEP_MOUNT.rawValue)
            c.source = string(m.source)
            c.target = string(m.target)
            c.fstype = string(m.type)
            c.data = m.data.isEmpty ? nil : string(m.data)
            c.flags = m.flags.rawValue
        case let .makeDirectory(path, mode):
            c.kind = Int32(DY_STEP_MKDIR.rawValue)
            c.target = string(path)
            c.mode = mode
        case let .makeDevice(path, major, minor, mode):
            c.kind = Int32(DY_STEP_MKNOD.rawValue)
            c.target = string(path)
            c.major = major
            c.minor = minor
            c.mode = mode
        case let .symlink(path, target):
            c.kind = Int32(DY_STEP_SYMLINK.rawValue)
            c.source = string(target)
            c.target = string(path)
        case let .touch(path):
            c.kind = Int32(DY_STEP_TOUCH.rawValue)
            c.target = string(path)
            c.mode = 0o644
        case let .remount(target, flags):
            // MS_REC means nothing to a remount: the whole tree is changed by mount_setattr instead.
            c.kind = Int32(flags.contains(.recursive) ? DY_STEP_REMOUNT_RECURSIVE.rawValue : DY_STEP_REMOUNT.rawValue)
            c.target = string(target)
            c.flags = flags.rawValue
        case let .inRoot(root, inner):
            c = self.step(inner)
            c.root = string(root)
        }
        return c
    }
}
