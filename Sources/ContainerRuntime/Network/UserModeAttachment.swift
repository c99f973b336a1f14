#if canImport(Glibc)
import Glibc
#endif
import LinuxKernel

/// What one start of a container on a user-mode network made, kept in its record before any of
/// it exists: the ports pasta publishes, and — once it runs — pasta's pid with its start time
/// (/proc/PID/stat), so teardown and the janitor after a crash stop exactly that process and
/// never a later one that was given the same pid.
///
/// A sibling of `NetworkAttachment`, not more fields on it: a bridge attachment's leased
/// address, bridge and veth are kernel objects a user-mode network never makes, and every
/// reader of a bridge attachment (peers' /etc/hosts, `network inspect`) can keep relying on them.
/// Records written before user mode have no such key and load with none.
public struct UserModeAttachment: Codable, Sendable, Equatable {
    /// The network the container asked for: `bridge`, the default one.
    public var network: String
    /// The helper program, e.g. /usr/bin/pasta.
    public var program: String
    /// Ports published this start, host ports resolved.
    public var ports: [PortMapping]
    /// pasta's pid once started; nil while only prepared.
    public var pid: Int32?
    /// Its start time in clock ticks since boot, which with `pid` names the process for good.
    public var startTime: UInt64?

    public init(network: String, program: String, ports: [PortMapping], pid: Int32? = nil, startTime: UInt64? = nil) {
        self.network = network
        self.program = program
        self.ports = ports
        self.pid = pid
        self.startTime = startTime
    }
}

extension UserModeAttachment {
    /// The helper (pasta, or a port forwarder) as started: its pid with its start time, so that a
    /// later stop signals it only while it is still that process.
    func started(as pid: Int32, host: any Host) -> UserModeAttachment {
        var started = self
        started.pid = pid
        started.startTime = host.startTime(of: pid)
        return started
    }

    /// Stops the helper if it is still the process that was started; safe to run twice. Without
    /// its start time a pid could be anyone's by now, and nothing is signalled. Its pid file goes
    /// too: the helpers write one and never remove it, and a stopped container keeps no stale one.
    func stopHelper(host: any Host, pidFile: String) {
        guard let pid, let startTime else { return }
        try? host.kernel.stopNetworkHelper(program: program, pid: pid, startTime: startTime)
        if !host.kernel.isSimulated { unlink(pidFile) }
    }
}
