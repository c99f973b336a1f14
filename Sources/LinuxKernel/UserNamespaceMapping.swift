import Explain

/// A container's own user namespace (`--userns remap`): uid and gid 0 to `count - 1` inside are
/// `hostID` to `hostID + count - 1` on the host, so root in the container is an unprivileged
/// user outside. The image's layers and the container's writable layer are seen through
/// idmapped mounts (CLinux/idmap.c), which shift their ownership by the same map.
public struct UserNamespaceMapping: Sendable, Equatable {
    /// The first host id: container id 0.
    public var hostID: UInt32
    public var count: UInt32
    /// Host directories, each shown idmapped at a staging directory inside the container's
    /// mount namespace, where the overlay mount finds it.
    public var idmappedMounts: [IdmappedMount]
    /// config.json's `uidMappings` and `gidMappings` (the OCI runtime), written as given in place
    /// of `idMap`: uids and gids may map differently, in several ranges.
    public var explicitUIDMap: IDMap?
    public var explicitGIDMap: IDMap?

    public init(hostID: UInt32 = 100_000, count: UInt32 = 65536, idmappedMounts: [IdmappedMount] = []) {
        self.hostID = hostID
        self.count = count
        self.idmappedMounts = idmappedMounts
    }

    /// The map, one range: 0… inside is hostID… outside (the same for uids and gids).
    public var idMap: IDMap { IDMap([.init(inside: 0, outside: hostID, count: count)]) }

    /// What the parent writes to /proc/PID/uid_map and gid_map, in `mapFiles` order.
    var mapLines: [String] { [explicitUIDMap ?? idMap, explicitGIDMap ?? idMap].map { $0.description + "\n" } }

    /// The files the parent writes `mapLine` to.
    static func mapFiles(of pid: Int32) -> [String] { ["/proc/\(pid)/uid_map", "/proc/\(pid)/gid_map"] }

    /// The map in words, for `--explain`.
    var meaning: String {
        if let uids = explicitUIDMap, let gids = explicitGIDMap {
            return "uid map \"\(uids.ranges.map(\.line).joined(separator: ", "))\", gid map \"\(gids.ranges.map(\.line).joined(separator: ", "))\" (inside outside count)"
        }
        return "uid/gid 0-\(count - 1) inside are \(hostID)-\(hostID + count - 1) on the host"
    }

    /// The idmapped mounts as `--explain` reports them.
    var mountEvents: [Event.Kind] {
        idmappedMounts.map { .mounted(type: "bind", source: $0.source, target: $0.target, options: ["idmap=0:\(hostID):\(count)"]) }
    }

    /// One directory to shift: `source` on the host appears at `target`.
    public struct IdmappedMount: Sendable, Equatable {
        public var source: String
        public var target: String
        public init(source: String, target: String) {
            self.source = source
            self.target = target
        }
    }
}
