import FoundationEssentials
import LinuxKernel

/// A container's /etc/hosts on a bridge network: loopback names, the container's own name
/// and hostname at its eth0 address, and on a user network its running peers by name and
/// short id — the way containers on one user network reach each other by name here (Docker
/// answers those names from an embedded DNS server; a file needs no server process).
/// The file is bind-mounted into the container, so it is rewritten in place (same inode) when a
/// peer comes or goes, and the container sees the change at once.
public enum HostsFile {
    public static let loopback = """
    127.0.0.1\tlocalhost
    ::1\tlocalhost ip6-localhost ip6-loopback
    fe00::0\tip6-localnet
    ff00::0\tip6-mcastprefix
    ff02::1\tip6-allnodes
    ff02::2\tip6-allrouters

    """

    /// The file's text for `record`, attached with `attachment`, beside `peers`.
    public static func contents(for record: ContainerRecord, address: IPv4Address, peers: [ContainerRecord]) -> String {
        var text = loopback + line(address, names: [record.config.hostname, record.name])
        let others = peers.compactMap { peer -> String? in
            guard peer.id != record.id, let a = peer.networkAttachment else { return nil }
            return line(a.address.address, names: [peer.name, peer.id.short, peer.config.hostname])
        }
        if !others.isEmpty { text += "# peers on network \(record.networkAttachment?.network ?? "")\n" + others.joined() }
        return text
    }

    static func line(_ address: IPv4Address, names: [String]) -> String {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        return "\(address)\t\(unique.joined(separator: " "))\n"
    }
}
