import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The ordinary user the rootless tests run dockyard as: `dockyard-rootless`, made by
/// scripts/rootless-user with a subordinate id range in /etc/subuid and /etc/subgid. In its user
/// namespace container id 0 is this user's uid and ids 1… are that range: the map line
/// `1 START COUNT` puts id 1 at START, so container uid 1000 is START + 999 on the host.
public struct RootlessUser: Sendable {
    public static let name = "dockyard-rootless"

    public let uid: uid_t
    public let gid: gid_t
    /// The first host id of the user's range in /etc/subuid (container uid 1 is this id).
    public let subordinateStart: UInt32
    /// How many ids the range holds.
    public let subordinateCount: UInt32

    /// The host uid that container uid `id` is for this user (id 0 is the user itself).
    public func hostUID(ofContainerUID id: UInt32) -> UInt32 {
        id == 0 ? UInt32(uid) : subordinateStart + id - 1
    }

    /// The user with its range, or nil when either is missing.
    public static func lookup() -> RootlessUser? {
        guard let entry = getpwnam(name) else { return nil }
        let uid = entry.pointee.pw_uid
        let gid = entry.pointee.pw_gid
        let text = (try? String(contentsOfFile: "/etc/subuid", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":").map(String.init)
            guard fields.count == 3, fields[0] == name || fields[0] == "\(uid)",
                  let start = UInt32(fields[1]), let count = UInt32(fields[2]) else { continue }
            return RootlessUser(uid: uid, gid: gid, subordinateStart: start, subordinateCount: count)
        }
        return nil
    }

    // MARK: - What the tests need, each a reason to skip

    /// runuser (util-linux) switches to the user; newuidmap/newgidmap (uidmap) map its range.
    public static var hasTools: Bool {
        ["/usr/sbin/runuser", "/usr/bin/newuidmap", "/usr/bin/newgidmap"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    /// The user exists and has a subordinate range (scripts/rootless-user makes both).
    public static var exists: Bool { lookup() != nil }

    /// Everything: root (to switch users and to look at the user's files), busybox, the tools, the user.
    public static var isAvailable: Bool { Privileges.canRunContainers && hasTools && exists }
}
