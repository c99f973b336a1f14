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
        case let .setSysctl(key, value):
            c.kind = Int32(DY_STEP_WRITE.rawValue)
            c.target = string(SetupStep.sysctlPath(key))
            c.data = string(value)
        case let .inRoot(root, inner):
            c = self.step(inner)
            c.root = string(root)
        }
        return c
    }

    /// The C form of one stage of a launch plan: its step kind, and the path, name or flag it acts on.
    func stage(_ stage: LaunchPlan.Stage) -> dy_step {
        func kind(_ value: dy_step_kind) -> dy_step {
            var c = dy_step()
            c.kind = Int32(value.rawValue)
            return c
        }
        switch stage {
        case let .filesystem(step): return self.step(step)
        case .waitForParent: return kind(DY_STEP_WAIT_FOR_PARENT)
        case .becomeNamespaceRoot: return kind(DY_STEP_NAMESPACE_ROOT)
        case .makeMountsPrivate: return kind(DY_STEP_PRIVATE_MOUNTS)
        case let .pivotRoot(newRoot):
            var c = kind(DY_STEP_PIVOT_ROOT)
            c.target = string(newRoot)
            return c
        case let .setHostname(name):
            var c = kind(DY_STEP_HOSTNAME)
            c.source = string(name)
            return c
        case .bringLoopbackUp: return kind(DY_STEP_LOOPBACK_UP)
        case .enterCgroupNamespace: return kind(DY_STEP_CGROUP_NAMESPACE)
        case let .joinCgroup(tasksFile):
            var c = kind(DY_STEP_JOIN_CGROUP)
            c.source = string(tasksFile)             // opened write-only before the clone
            return c
        case let .joinNamespace(namespace, path):
            var c = kind(DY_STEP_JOIN_NAMESPACE)
            c.source = string(path)                  // /proc/PID/ns/KIND, opened before the clone
            c.flags = UInt(namespace.cloneFlag)      // setns checks the namespace is of this type
            return c
        case .setUpStreams: return kind(DY_STEP_STREAMS)
        case .installSeccompFilter: return kind(DY_STEP_SECCOMP)
        case .limitBoundingSet: return kind(DY_STEP_BOUNDING_SET)
        case .changeIdentity: return kind(DY_STEP_IDENTITY)
        case .setCapabilities: return kind(DY_STEP_CAPABILITIES)
        case .forbidNewPrivileges: return kind(DY_STEP_NO_NEW_PRIVILEGES)
        case let .changeDirectory(path):
            var c = kind(DY_STEP_WORKING_DIRECTORY)
            c.target = string(path)
            return c
        case let .setResourceLimit(limit):
            var c = kind(DY_STEP_RLIMIT)
            c.mode = UInt32(limit.resource)
            c.soft_limit = ResourceLimit.kernelValue(limit.soft)
            c.hard_limit = ResourceLimit.kernelValue(limit.hard)
            return c
        case let .waitForStart(fifo):
            var c = kind(DY_STEP_WAIT_FOR_START)
            c.source = string(fifo)                  // opened read-write before the clone
            return c
        case .execute: return kind(DY_STEP_EXEC)
        }
    }
}
