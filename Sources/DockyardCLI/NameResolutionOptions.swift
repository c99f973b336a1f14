import ArgumentParser
import ContainerRuntime

/// `run`'s `--add-host`, `--dns` and `--dns-search`: lines the engine writes into the
/// container's /etc/hosts and /etc/resolv.conf (ContainerRuntime's NameResolution).
struct NameResolutionOptions: ParsableArguments {
    @Option(name: .customLong("add-host"), help: ArgumentHelp("Add a line to /etc/hosts (IP may be host-gateway).", valueName: "host:ip"))
    var addHost: [String] = []
    @Option(name: .long, help: ArgumentHelp("Set a DNS server.", valueName: "ip")) var dns: [String] = []
    @Option(name: .customLong("dns-search"), help: ArgumentHelp("Set a DNS search domain.", valueName: "domain"))
    var dnsSearch: [String] = []

    func validate() throws {
        do {
            try addHost.forEach(NameResolution.checkExtraHost)
            try dns.forEach(NameResolution.checkServer)
        } catch let error as RuntimeError {
            throw ValidationError(error.message)
        }
    }

    var parsed: NameResolution {
        NameResolution(extraHosts: addHost, servers: dns, searchDomains: dnsSearch)
    }
}
