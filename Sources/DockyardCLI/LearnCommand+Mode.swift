import ContainerRuntime
import FoundationEssentials
import Lessons
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// How `dockyard learn` finds the learner's mode and the recorded runs it falls back on.
extension LearnCommand {
    /// What this host allows an ordinary user: user namespaces, the setuid map helpers, a
    /// subordinate range in /etc/subuid and /etc/subgid.
    static func rootlessProbe() -> RootlessProbe {
        let uid = getuid(), gid = getgid()
        let user = getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "\(uid)"
        let read = { (path: String) in FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }
        let number = { (path: String) in read(path).flatMap { $0.split(separator: "\n").first.flatMap { Int($0) } } }
        let ranges = SubordinateIDs.find(user: user, id: uid, in: read("/etc/subuid") ?? "") != nil
            && SubordinateIDs.find(user: user, id: gid, in: read("/etc/subgid") ?? "") != nil
        return RootlessProbe(
            user: user,
            maxUserNamespaces: number("/proc/sys/user/max_user_namespaces") ?? 0,
            mapHelpersInstalled: access("/usr/bin/newuidmap", X_OK) == 0 && access("/usr/bin/newgidmap", X_OK) == 0,
            hasSubordinateIDs: ranges,
            // Read as the engine reads it once inside the user's namespace (CgroupHost+Rootless).
            cgroupDelegated: CgroupHost.rootlessDelegationAvailable,
            unprivilegedPortStart: number("/proc/sys/net/ipv4/ip_unprivileged_port_start") ?? 1024,
            // Rootless containers' default network is pasta (ContainerNetworking.userMode).
            defaultNetwork: access("/usr/bin/pasta", X_OK) == 0)
    }
}
