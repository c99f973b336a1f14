import Explain
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    public func mountSharedMemory(_ mount: Mount) throws {
        if Glibc.mkdir(mount.target, 0o755) != 0 && errno != EEXIST {
            throw KernelError("mkdir", path: mount.target, errno: errno)
        }
        guard Glibc.mount(mount.source, mount.target, mount.type, mount.flags.rawValue, mount.data) == 0 else {
            throw KernelError("mount", path: mount.target, errno: errno)
        }
        events.emit(Event(.mounted(type: mount.type, source: mount.source, target: mount.target, options: mount.options)))
    }

    public func unmountSharedMemory(at path: String) {
        // EINVAL: nothing is mounted there (already gone, or never made); ENOENT: no directory.
        if umount2(path, Int32(MNT_DETACH)) == 0 {
            events.emit(Event(.removed(path: path, what: "the shared /dev/shm (--ipc shareable), unmounted")))
        }
    }
}
