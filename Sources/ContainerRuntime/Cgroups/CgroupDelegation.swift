import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Delegation: how cgroup v2 lets an ordinary user run a part of the tree. systemd hands a
/// unit's cgroup to its user by chowning the directory, its `cgroup.procs` and its
/// `cgroup.subtree_control` (`Delegate=` in `user@.service`). The user may then mkdir child
/// cgroups there, enable for them the controllers the parent handed down (`cgroup.controllers`),
/// and move processes between them — which the kernel allows only with write access to
/// `cgroup.procs` of the two cgroups' common ancestor, so a container's cgroup has to live
/// inside the same delegated subtree as the dockyard that makes it.
package enum CgroupDelegation {
    /// The process's own place in the v2 hierarchy, from /proc/self/cgroup's `0::` line,
    /// e.g. `/user.slice/user-1000.slice/user@1000.service/app.slice/run-r1.scope`.
    package static func ownPath(procSelfCgroup text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("0::") {
            return String(line.dropFirst(3))
        }
        return nil
    }

    /// The delegated root: the shallowest ancestor of `ownPath` (itself included) whose
    /// directory, `cgroup.procs` and `cgroup.subtree_control` all belong to the user. Shallowest,
    /// because every cgroup below it is the user's too, and the higher the root the more of the
    /// user's processes share it as a common ancestor.
    package static func delegatedRoot(v2Root: String, ownPath: String, isUsers: (String) -> Bool) -> String? {
        var directory = v2Root
        for component in ownPath.split(separator: "/") {
            directory += "/" + component
            if isUsers(directory), isUsers(directory + "/cgroup.procs"), isUsers(directory + "/cgroup.subtree_control") {
                return directory
            }
        }
        return nil
    }

    /// The controllers the delegated cgroup may enable for its children: those its parent
    /// enabled for it, listed in its `cgroup.controllers`.
    package static func controllers(of directory: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: directory + "/cgroup.controllers") else { return [] }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Whether `ownPath` runs under a user's systemd instance (`user@UID.service`), where
    /// systemd delegates; a login's `session-N.scope` is beside it, and root's.
    package static func isInUserService(_ ownPath: String) -> Bool {
        ownPath.split(separator: "/").contains { $0.hasPrefix("user@") && $0.hasSuffix(".service") }
    }

    /// Ownership as the kernel checks it: the file's owner is `uid`. In the rootless user
    /// namespace the user's files show as owned by 0, which is also this process's euid there.
    package static func owned(by uid: uid_t) -> @Sendable (String) -> Bool {
        { path in
            var info = stat()
            return stat(path, &info) == 0 && info.st_uid == uid
        }
    }
}
