import FoundationEssentials

/// Who this dockyard runs as, which decides how containers are made (as with podman, not a flag):
///
/// - `root`: root of the host, in the initial user namespace. Cgroups, bridges, veths and device
///   nodes are the host's to make.
/// - `rootless`: an ordinary user, inside the user namespace its holder keeps (CLinux/rootless.c).
///   It is root there, with every capability over the namespaces it creates, so it clones,
///   mounts and pivots exactly as root does; but the host's cgroups, devices and network
///   are not its own, so those steps differ: no cgroup unless one is delegated, devices
///   bind-mounted, overlay with `userxattr`, and a user-mode network (pasta).
public enum PrivilegeMode: Sendable, Equatable {
    case root
    case rootless(RootlessNamespace)

    /// The mode of this process, read from its own id maps once (root's is the identity uid
    /// map, and then its gid map is not read at all: this runs at every command's start).
    public static let current: PrivilegeMode = {
        let uidMap = readProcFile("/proc/self/uid_map")
        guard let uids = uidMap.flatMap(IDMap.init(parsing:)), !uids.isIdentity else { return .root }
        return detect(uidMap: uidMap, gidMap: readProcFile("/proc/self/gid_map"))
    }()

    /// `root` for the initial namespace's identity map, `rootless` otherwise.
    public static func detect(uidMap: String?, gidMap: String?) -> PrivilegeMode {
        guard let uids = uidMap.flatMap(IDMap.init(parsing:)), !uids.isIdentity,
              let gids = gidMap.flatMap(IDMap.init(parsing:)) else { return .root }
        return .rootless(RootlessNamespace(uidMap: uids, gidMap: gids))
    }

    public var isRootless: Bool {
        if case .rootless = self { return true }
        return false
    }

    public var rootlessNamespace: RootlessNamespace? {
        if case let .rootless(namespace) = self { return namespace }
        return nil
    }

    /// As `dockyard info` and `--explain` name it.
    public var name: String { isRootless ? "rootless" : "root" }

    private static func readProcFile(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The user namespace a rootless dockyard works in: root inside is the user outside, and the
/// other ids inside are the user's subordinate ids (/etc/subuid), or do not exist at all.
public struct RootlessNamespace: Sendable, Equatable {
    public var uidMap: IDMap
    public var gidMap: IDMap

    public init(uidMap: IDMap, gidMap: IDMap) {
        self.uidMap = uidMap
        self.gidMap = gidMap
    }

    /// The host uid that is root inside: the user who runs dockyard.
    public var hostUID: UInt32 { uidMap.outside(of: 0) ?? 65534 }

    /// Only the user's own id is mapped: files of other owners in an image cannot be represented.
    public var hasSubordinateIDs: Bool { uidMap.size > 1 && gidMap.size > 1 }
}
