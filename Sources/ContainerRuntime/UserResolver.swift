/// Turns `--user` (or the image's USER) into the uid, gid and supplementary groups the process
/// runs with, reading the image's own /etc/passwd and /etc/group, as Docker does.
/// Accepted forms: `name`, `uid`, `name:group`, `uid:gid` and mixes.
///
/// The supplementary list (setgroups(2)) always starts with the primary gid: a process whose
/// groups lack it could lose access that a file grants to its group the moment it changes its
/// gid (CVE-2022-36109, CVE-2023-25173), and `id` would not list the group it runs as.
public struct UserResolver: Sendable {
    public struct Identity: Sendable, Equatable {
        public var uid: UInt32
        public var gid: UInt32
        public var groups: [UInt32]
        public var home: String
    }

    public struct NotFound: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
    }

    let passwd: String
    let group: String

    public init(passwd: String?, group: String?) {
        self.passwd = passwd ?? ""
        self.group = group ?? ""
    }

    /// The identity for `spec`, with `groupAdd` (`--group-add`: names in /etc/group, or numbers)
    /// added to its supplementary groups.
    public func resolve(_ spec: String, groupAdd: [String] = []) throws(NotFound) -> Identity {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let userPart = parts[0].isEmpty ? "0" : parts[0]
        let users = entries(passwd)

        var identity: Identity
        if let entry = users.first(where: { $0[0] == userPart }) ?? UInt32(userPart).flatMap({ uid in users.first(where: { UInt32($0[2]) == uid }) }),
           entry.count >= 6, let uid = UInt32(entry[2]), let gid = UInt32(entry[3]) {
            identity = Identity(uid: uid, gid: gid, groups: [], home: entry[5])
        } else if let uid = UInt32(userPart) {
            identity = Identity(uid: uid, gid: 0, groups: [], home: "/")
        } else {
            throw NotFound(message: "unable to find user \(userPart): no matching entries in passwd file")
        }

        let groups = entries(group)
        if parts.count == 2, !parts[1].isEmpty {
            if let entry = groups.first(where: { $0[0] == parts[1] }), entry.count >= 3, let gid = UInt32(entry[2]) {
                identity.gid = gid
            } else if let gid = UInt32(parts[1]) {
                identity.gid = gid
            } else {
                throw NotFound(message: "unable to find group \(parts[1]): no matching entries in group file")
            }
        } else if let name = users.first(where: { UInt32($0[2]) == identity.uid })?.first {
            // Supplementary groups: every group that lists this user by name.
            identity.groups = groups.compactMap { entry in
                entry.count >= 4 && entry[3].split(separator: ",").contains(Substring(name)) ? UInt32(entry[2]) : nil
            }
        }
        var supplementary = [identity.gid]
        for gid in identity.groups where !supplementary.contains(gid) { supplementary.append(gid) }
        for added in try additionalGroups(groupAdd, in: groups) where !supplementary.contains(added) {
            supplementary.append(added)
        }
        identity.groups = supplementary
        return identity
    }

    /// `--group-add` values as gids: a name is looked up in /etc/group, a number is taken as is.
    private func additionalGroups(_ specs: [String], in groups: [[String]]) throws(NotFound) -> [UInt32] {
        var gids: [UInt32] = []
        for spec in specs {
            if let entry = groups.first(where: { $0[0] == spec }), let gid = UInt32(entry[2]) {
                gids.append(gid)
            } else if let gid = UInt32(spec) {
                gids.append(gid)
            } else {
                throw NotFound(message: "Unable to find group \(spec): no matching entries in group file")
            }
        }
        return gids
    }

    private func entries(_ text: String) -> [[String]] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            return fields.count >= 3 ? fields : nil
        }
    }
}
