#if canImport(Glibc)
import Glibc
#endif

/// The host's network interfaces, as a test checks what a container left behind. The kernel
/// deletes a container's veth pair together with its network namespace, in a worker (netns
/// cleanup), moments after the container's last process exits — later still on a loaded machine.
public enum HostInterfaces {
    /// Whether an interface of this name exists in the test's network namespace.
    public static func exists(_ name: String) -> Bool {
        if_nametoindex(name) != 0
    }

    /// Waits up to `seconds` for the interface `name` to be deleted; whether it was.
    public static func awaitDeletion(of name: String, seconds: Double = 2) -> Bool {
        Polling.until(seconds: seconds) { !exists(name) }
    }
}
