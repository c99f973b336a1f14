import CLinux
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// An overlayfs mount that is attached to no directory: made with the new mount API
/// (fsopen, fsconfig, fsmount), it exists only as the file descriptor of its root. Nobody else can
/// see it, nothing stays mounted if the process dies, and the kernel unmounts it when the fd is
/// closed. `dockyard cp` reads a stopped container's files through one, by RESOLVE_IN_ROOT.
public enum DetachedOverlay {
    /// The root fd of a read-only, nosuid, nodev, noexec merge of `layers` (bottom first, as
    /// ContainerRecord keeps them). The caller closes it.
    public static func open(layers: [String]) throws -> Int32 {
        guard layers.count >= 2 else {
            // overlayfs needs two layers when it has no upper one: a single layer is its own view.
            let fd = Glibc.open(layers.first ?? "/nonexistent", RootedPath.pathOnly | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw KernelError("open", path: layers.first ?? "(no layers)", errno: errno) }
            return fd
        }
        let topFirst = Array(layers.reversed())
        let fd = CStrings.withNullTerminated(topFirst) { strings in
            strings.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: topFirst.count) {
                dy_open_detached_overlay($0, topFirst.count)
            }
        }
        guard fd >= 0 else {
            throw KernelError("mount a detached overlay of", path: topFirst.joined(separator: ":"), errno: -fd)
        }
        return fd
    }
}
