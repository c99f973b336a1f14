import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension CgroupHost {
    /// Rootless: where the user may make cgroups — the subtree systemd delegated to them, if any.
    static func detectRootless(root: String) -> CgroupHost {
        let procSelfCgroup = FileManager.default.contents(atPath: "/proc/self/cgroup").map { String(decoding: $0, as: UTF8.self) }
        return detectRootless(root: root, ownPath: procSelfCgroup.flatMap(CgroupDelegation.ownPath(procSelfCgroup:)),
                              isUsers: CgroupDelegation.owned(by: geteuid()))
    }

    /// Whether an ordinary user here would get a delegated cgroup (asked from inside the user
    /// namespace or from the host: the user's files are theirs either way).
    public static var rootlessDelegationAvailable: Bool {
        if case .delegated = detectRootless(root: "/sys/fs/cgroup") { return true }
        return false
    }

    /// Rootless detection from its inputs: the cgroup mount `root`, this process's v2 path
    /// (`ownPath`, from /proc/self/cgroup) and which files are the user's (`isUsers`).
    /// `.delegated` when a subtree is the user's, `.unavailable` saying why and how to fix it otherwise.
    package static func detectRootless(root: String, ownPath: String?, isUsers: (String) -> Bool) -> CgroupHost {
        guard case let .unified(v2Root) = layout(root: root) else { return .unavailable(reason: RootlessCgroupReason.legacy) }
        guard let ownPath else { return .unavailable(reason: RootlessCgroupReason.noOwnPath) }
        guard let delegated = CgroupDelegation.delegatedRoot(v2Root: v2Root, ownPath: ownPath, isUsers: isUsers) else {
            return .unavailable(reason: CgroupDelegation.isInUserService(ownPath)
                ? RootlessCgroupReason.notDelegated(ownPath) : RootlessCgroupReason.outsideUserService(ownPath))
        }
        // v2's no-internal-processes rule: a cgroup that holds processes cannot enable controllers
        // for its children, so dockyard/ must not hang from the cgroup dockyard itself runs in.
        guard delegated != v2Root + ownPath else { return .unavailable(reason: RootlessCgroupReason.inDelegatedRoot(delegated)) }
        return .delegated(root: delegated, controllers: CgroupDelegation.controllers(of: delegated))
    }
}

/// Why a rootless dockyard has no cgroup, and what the user can do about it: the text of
/// `CgroupHost.unavailable` and of a refused limit.
enum RootlessCgroupReason {
    /// How to have systemd delegate the controllers to every user's service.
    static let enableDelegation = "run `sudo systemctl edit user@.service`, add `[Service]` and `Delegate=cpu cpuset io memory pids`, then log out and in again"

    /// How to give dockyard a leaf cgroup inside the user's delegated service.
    static let runInUserScope = "run it under `systemd-run --user --scope dockyard …`"

    static let legacy = "this host's cgroup controllers are v1, which only root may write (boot with systemd.unified_cgroup_hierarchy=1 for cgroup v2, where systemd delegates cpu, memory and pids to users)"

    static let noOwnPath = "/proc/self/cgroup has no cgroup v2 line (0::/…), so dockyard cannot tell where it runs"

    static func notDelegated(_ ownPath: String) -> String {
        "cgroup v2 here, but no cgroup above \(ownPath) is delegated to you (systemd delegates user@UID.service when it has Delegate=): to delegate one, \(enableDelegation)"
    }

    static func outsideUserService(_ ownPath: String) -> String {
        "this dockyard runs in \(ownPath), outside your user@UID.service, the subtree systemd delegates to you (a login's session-N.scope is root's): \(runInUserScope)"
    }

    static func inDelegatedRoot(_ directory: String) -> String {
        "this dockyard runs directly in the delegated cgroup \(directory), and cgroup v2 lets a cgroup that holds processes enable no controllers for its children: \(runInUserScope) to give it a leaf cgroup of its own"
    }
}
