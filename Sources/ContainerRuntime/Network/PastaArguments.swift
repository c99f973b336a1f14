import LinuxKernel

/// pasta's command line for one container (Debian's `passt` package; pasta(1)). pasta is a
/// user-mode TCP/IP stack: it puts a tap interface in the container's network namespace and
/// turns the packets the container sends into ordinary socket calls on the host, so an
/// unprivileged user's container reaches the network without a veth, a bridge or a netfilter
/// rule. Each flag below was chosen by experiment on pasta 2023-03-09 (Debian 12):
///
/// - `--config-net`: pasta configures the interface itself — the host's address and prefix, the
///   host's default gateway as the route — and brings it and `lo` up before it goes to the
///   background, so the container execs with a working network.
/// - `--ns-ifname eth0`: without it the interface takes the host's interface name (ens3, wlp2s0);
///   Docker's containers have eth0.
/// - `--netns /proc/self/fd/3`: the namespace dockyard opened and passed (NetworkHelperLaunch).
///   Given `/proc/PID/ns/net` or a bare PID, pasta — which keeps only CAP_NET_BIND_SERVICE,
///   CAP_NET_ADMIN and CAP_SYS_ADMIN before it opens the namespace — is refused (EACCES): the
///   kernel lets a process open another's /proc/PID/ns files only if its capabilities cover the
///   target's, and the container's first process, not yet exec'd, holds them all.
/// - `--runas 0`: as uid 0 (real root, or root of the rootless user namespace, which is the user
///   on the host) pasta otherwise switches to `nobody`, losing CAP_SYS_ADMIN, and then cannot
///   setns(2) into the namespace ("Couldn't switch to pasta namespaces").
/// - `--pid FILE`: pasta forks to the background once ready and exits 0; the file names the
///   process that stays, which `disconnect` stops. pasta does not exit by itself when the
///   container's processes are gone: it holds the namespace open.
/// - `--quiet`: no "Don't run as root…" notices; errors are still printed.
/// - `-T none -U none` and `--no-map-gw`: by default pasta forwards the container's connections
///   to its own 127.0.0.1:PORT, and to the gateway's address, to the host's 127.0.0.1:PORT
///   (measured: a server bound to the host's 127.0.0.1 answered both). Dockyard's root mode never
///   lets a container reach the host's loopback, so neither does user mode.
/// - `-t none -u none` when nothing is published: the default, `auto`, would publish every port
///   the container listens on, which Docker never does.
/// - `--dns-forward 169.254.1.1`: DNS queries to that address go to the host's first resolver,
///   from the host, so a resolver on the host's loopback (systemd-resolved's 127.0.0.53) works;
///   the container's resolv.conf names it (podman 5 does the same).
enum PastaArguments {
    static let program = "/usr/bin/pasta"
    /// The address pasta answers DNS on, in the container's resolv.conf.
    static let dnsAddress = "169.254.1.1"

    /// `interface`: the tap's name in the namespace (eth0 in a container's own namespace).
    static func arguments(ports: [PortMapping], pidFile: String, interface: String = NetworkAttachment.containerInterface) -> [String] {
        var arguments = ["--config-net", "--ns-ifname", interface,
                         "--netns", NetworkHelperLaunch.namespacePath, "--runas", "0", "--pid", pidFile, "--quiet",
                         "--no-map-gw", "-T", "none", "-U", "none", "--dns-forward", dnsAddress]
        for proto in ["tcp", "udp"] {
            let flag = proto == "tcp" ? "-t" : "-u"
            let published = ports.filter { $0.proto == proto }
            if published.isEmpty { arguments += [flag, "none"] }
            for port in published { arguments += [flag, spec(port)] }
        }
        return arguments
    }

    /// One published port in pasta's words: `[ADDRESS/]HOSTPORT:CONTAINERPORT`. Without an
    /// address pasta listens on all of the host's addresses, as Docker's 0.0.0.0 does.
    static func spec(_ port: PortMapping) -> String {
        (port.hostIP.map { "\($0)/" } ?? "") + "\(port.hostPort):\(port.containerPort)"
    }

    /// The container's /etc/resolv.conf: pasta's DNS address, and the host's search domains and
    /// options (its nameservers mean the host's network, not the container's).
    static func resolvConf(host: String) -> String {
        let kept = host.split(separator: "\n").filter { $0.hasPrefix("search ") || $0.hasPrefix("options ") || $0.hasPrefix("domain ") }
        return (["nameserver \(dnsAddress)"] + kept.map(String.init)).joined(separator: "\n") + "\n"
    }
}
