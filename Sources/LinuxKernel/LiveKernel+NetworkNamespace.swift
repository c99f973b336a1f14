import CLinux
import Explain
#if canImport(Glibc)
import Glibc
#endif

/// Network namespaces that no process lives in, pinned by a bind mount of their nsfs file
/// (CLinux/netns.c), and this kernel turned to make its network objects inside one.
extension LiveKernel {
    /// nsfs's magic number in statfs(2)'s f_type (linux/magic.h): what a pinned namespace file is on.
    static let nsfsMagic = 0x6e73_6673

    public func inNetworkNamespace(pinnedAt path: String) -> any Kernel {
        var inside = self
        inside.networkNamespace = path
        return inside
    }

    public func createNetworkNamespace(pinnedAt path: String, purpose: String) throws {
        try Self.check(dy_netns_pin(path), "make a network namespace and bind-mount it at", path)
        var info = stat()
        let inode = stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
        events.emit(Event(.note(purpose)))
        events.emit(Event(.mounted(type: "nsfs", source: "net:[\(inode)]", target: path, options: ["bind"])))
    }

    public func networkNamespaceExists(pinnedAt path: String) -> Bool {
        var info = statfs()
        return statfs(path, &info) == 0 && Int(info.f_type) == Self.nsfsMagic
    }

    public func removeNetworkNamespace(pinnedAt path: String, purpose: String) throws {
        guard networkNamespaceExists(pinnedAt: path) else {
            unlink(path)   // a file whose namespace went with an earlier mount namespace
            return
        }
        try Self.check(dy_netns_unpin(path), "unmount the network namespace pinned at", path)
        events.emit(Event(.removed(path: path, what: purpose)))
    }
}
