import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One process as the host sees it in /proc: its pid, real uid, name, whether it has exited but
/// not yet been reaped (a zombie), the user namespace it is in (the `user:[INODE]` link of
/// /proc/PID/ns/user) and the signals it blocks. Root reads these for any process.
public struct RunningProcess: Sendable, CustomStringConvertible {
    public let pid: Int32
    public let uid: UInt32
    public let name: String
    public let isZombie: Bool
    public let userNamespace: String?
    /// `SigBlk` of /proc/PID/status: the blocked signals, a hexadecimal mask (bit N-1 is signal N).
    public let blockedSignals: String

    public var description: String { "pid \(pid) uid \(uid) \(name) in \(userNamespace ?? "?")" }

    /// The process, while it lives (nil once it has exited, zombie or gone).
    public static func live(_ pid: Int32) -> RunningProcess? {
        read(pid).flatMap { $0.isZombie ? nil : $0 }
    }

    /// Every process in /proc now, zombies included.
    public static func all() -> [RunningProcess] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.compactMap(read)
    }

    /// The user namespace link of one process, or nil once it has gone.
    public static func userNamespace(of pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/user")
    }

    static func read(_ pid: Int32) -> RunningProcess? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var name = "", state = "", blocked = ""
        var uid: UInt32?
        for line in status.split(separator: "\n") {
            if line.hasPrefix("Name:") { name = line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("State:") { state = line.dropFirst(6).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("SigBlk:") { blocked = line.dropFirst(7).trimmingCharacters(in: .whitespaces) }
            // "Uid:  real  effective  saved  filesystem"
            if line.hasPrefix("Uid:") { uid = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap { UInt32($0) } }
        }
        guard let uid else { return nil }
        return RunningProcess(pid: pid, uid: uid, name: name, isZombie: state.hasPrefix("Z"),
                              userNamespace: userNamespace(of: pid), blockedSignals: blocked)
    }
}
