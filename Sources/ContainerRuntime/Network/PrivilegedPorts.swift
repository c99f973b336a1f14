import FoundationEssentials
import HostSystem
import LinuxKernel

/// Host ports below `net.ipv4.ip_unprivileged_port_start` (1024 unless lowered): binding one
/// takes CAP_NET_BIND_SERVICE in the host's user namespace, which a rootless container's pasta
/// does not have. Checked before anything starts, so the user reads the sysctl's name rather
/// than pasta's bind error.
enum PrivilegedPorts {
    static let sysctl = "net.ipv4.ip_unprivileged_port_start"
    static let sysctlPath = "/proc/sys/net/ipv4/ip_unprivileged_port_start"

    /// Throws for the first port below `unprivilegedStart`, unless the caller may bind any port.
    /// Host port 0 (`-p 80`, `-P`) is left for the kernel to pick, always above it.
    static func check(_ ports: [PortMapping], unprivilegedStart: Int, canBindAnyPort: Bool) throws {
        guard !canBindAnyPort,
              let port = ports.first(where: { $0.hostPort != 0 && Int($0.hostPort) < unprivilegedStart }) else { return }
        throw RuntimeError(code: .invalidArgument,
            "cannot publish port \(port.hostPort) (\(port.containerPort)/\(port.proto)) without root: host ports below "
            + "\(unprivilegedStart) are privileged. Publish a higher port (-p \(Int(port.hostPort) + 8000):\(port.containerPort)), "
            + "or let users bind from \(port.hostPort) up: sysctl -w \(sysctl)=\(port.hostPort)")
    }

    /// The sysctl's value as /proc prints it; 1024, the kernel's default, if unreadable.
    static func unprivilegedStart(fileText: String?) -> Int {
        fileText.flatMap { Int($0.trimmed) } ?? 1024
    }

    /// Whether this process holds CAP_NET_BIND_SERVICE (bit 10 of CapEff in /proc/self/status)
    /// in the host's user namespace (its uid_map is the identity over all ids): real root.
    static func canBindAnyPort(status: String?, uidMap: String?) -> Bool {
        let initial = uidMap?.split(whereSeparator: { $0 == " " || $0 == "\n" }) == ["0", "0", "4294967295"]
        guard initial, let bits = Capability.statusMask("CapEff", in: status) else { return false }
        return bits & (1 << UInt64(Capability.netBindService.rawValue)) != 0
    }
}
