import ArgumentParser
import ContainerRuntime

/// `run`'s Docker flags beyond the process, its image and its confinement, in one option group
/// (each group type costs `run` a search of the runtime's conformance tables at start-up, ~0.3 M
/// instructions): further cgroup limits, /dev/shm's size, rlimits and sysctls
/// (RunSettingsFlags+Resources.swift); labels, variables from files, exposed ports, the id file,
/// the platform and which streams to attach (RunSettingsFlags+Metadata.swift); and the lines of
/// the container's /etc/hosts and /etc/resolv.conf (`--add-host`, `--dns`, `--dns-search`).
struct RunSettingsFlags: ParsableArguments {
    @Option(name: .customLong("memory-swap"), help: ArgumentHelp("Memory plus swap; -1 for unlimited swap.", valueName: "bytes"))
    var memorySwap: String?
    @Option(name: .customLong("memory-reservation"), help: ArgumentHelp("Soft memory limit.", valueName: "bytes"))
    var memoryReservation: String?
    @Flag(name: .customLong("oom-kill-disable"), help: "Disable the OOM killer (cgroup v1 only).")
    var oomKillDisable = false
    @Option(name: [.customShort("c"), .customLong("cpu-shares")], help: ArgumentHelp("CPU shares (relative weight).", valueName: "int"))
    var cpuShares: String?
    @Option(name: .customLong("cpuset-cpus"), help: ArgumentHelp("CPUs in which to allow execution, e.g. 0-3 or 0,1.", valueName: "list"))
    var cpusetCpus: String?
    @Option(name: .customLong("shm-size"), help: ArgumentHelp("Size of /dev/shm (default 64m).", valueName: "bytes"))
    var shmSize: String?
    @Option(name: .long, help: ArgumentHelp("Ulimit options, e.g. nofile=1024:2048.", valueName: "name=soft[:hard]"))
    var ulimit: [String] = []
    @Option(name: .long, help: ArgumentHelp("A namespaced kernel parameter: net.*, kernel.msg*/sem/shm*, fs.mqueue.*.", valueName: "key=value"))
    var sysctl: [String] = []

    @Option(name: .customLong("add-host"), help: ArgumentHelp("Add a line to /etc/hosts (IP may be host-gateway).", valueName: "host:ip"))
    var addHost: [String] = []
    @Option(name: .long, help: ArgumentHelp("Set a DNS server.", valueName: "ip")) var dns: [String] = []
    @Option(name: .customLong("dns-search"), help: ArgumentHelp("Set a DNS search domain.", valueName: "domain"))
    var dnsSearch: [String] = []

    @Option(name: [.customShort("l"), .long], help: ArgumentHelp("Set metadata on the container.", valueName: "key=value"))
    var label: [String] = []
    @Option(name: .customLong("label-file"), help: ArgumentHelp("Read labels from a file of key=value lines.", valueName: "file"))
    var labelFile: [String] = []
    @Option(name: .customLong("env-file"), help: ArgumentHelp("Read environment variables from a file of KEY=VALUE lines.", valueName: "file"))
    var envFile: [String] = []
    @Option(name: .long, help: ArgumentHelp("Expose a port or a range of ports.", valueName: "port[-port][/proto]"))
    var expose: [String] = []
    @Option(name: .long, help: ArgumentHelp("Write the container's id to this file (which must not exist).", valueName: "file"))
    var cidfile: String?
    @Option(name: .long, help: ArgumentHelp("Set platform: only this host's (Dockyard runs images natively).", valueName: "os/arch"))
    var platform: String?
    @Option(name: [.customShort("a"), .long], help: ArgumentHelp("Attach to STDIN, STDOUT or STDERR.", valueName: "stream"))
    var attach: [String] = []

    func validate() throws {
        _ = try parsed(memory: nil)
        _ = try Self.bytes(shmSize, flag: "--shm-size")
        _ = try resourceLimits()
        _ = try sysctls()
        for stream in attach where !["stdin", "stdout", "stderr"].contains(stream.lowercased()) {
            throw ValidationError("invalid argument \"\(stream)\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR")
        }
        _ = try exposedPorts()
        if let platform { try Self.checkPlatform(platform) }
        do {
            try addHost.forEach(NameResolution.checkExtraHost)
            try dns.forEach(NameResolution.checkServer)
            try dnsSearch.forEach(NameResolution.checkSearchDomain)
        } catch let error as RuntimeError {
            throw ValidationError(error.message)
        }
    }

    /// `--add-host`, `--dns` and `--dns-search`, written into the container's /etc files at start.
    var nameResolution: NameResolution {
        NameResolution(extraHosts: addHost, servers: dns, searchDomains: dnsSearch)
    }
}
