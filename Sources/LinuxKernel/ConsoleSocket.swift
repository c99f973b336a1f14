#if canImport(Glibc)
import Glibc
#endif

/// A socket pair over which a container's process, asked for a terminal (`-t`), sends back the
/// primary side of the pseudo-terminal it opened in the container's own /dev/pts.
struct ConsoleSocket: ~Copyable {
    private(set) var parentEnd: Int32 = -1
    private(set) var childEnd: Int32 = -1

    /// `handingTo`: a socket of the caller's (the OCI `--console-socket`), to which the child
    /// sends the terminal directly; this process then receives nothing, and the socket is ours to close.
    init(wanted: Bool, handingTo external: Int32? = nil) throws {
        guard wanted else { return }
        if let external {
            childEnd = external
            return
        }
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw KernelError("socketpair", path: "for the container's terminal", errno: errno)
        }
        parentEnd = ends[0]
        childEnd = ends[1]
    }

    /// After clone the child holds its own copy; ours must go, or a dead child is never noticed.
    mutating func childHasItsCopy() {
        if childEnd >= 0 { close(childEnd) }
        childEnd = -1
    }

    deinit {
        if parentEnd >= 0 { close(parentEnd) }
        if childEnd >= 0 { close(childEnd) }
    }
}
