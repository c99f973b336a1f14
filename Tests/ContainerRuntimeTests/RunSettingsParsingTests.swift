import ContainerRuntime
import LinuxKernel
import Testing

/// The values of `--ulimit`, `--sysctl`, `--add-host`, `--dns`, `--dns-search` and `--mount`,
/// read as Docker reads them, with Docker's words for the ones refused.
struct RunSettingsParsingTests {
    @Test("--ulimit takes name=soft[:hard], a missing hard limit equal to the soft one")
    func ulimits() throws {
        #expect(try ResourceLimit(parsing: "nofile=1024:2048") == ResourceLimit(name: "nofile", soft: 1024, hard: 2048))
        #expect(try ResourceLimit(parsing: "nproc=64") == ResourceLimit(name: "nproc", soft: 64, hard: 64))
        #expect(try ResourceLimit(parsing: "core=-1").resource == 4)
        #expect(ResourceLimit.kernelValue(-1) == UInt64.max)
        for (bad, message) in [("nofile", "invalid ulimit argument: nofile"), ("bogus=1", "invalid ulimit type: bogus"),
                               ("nofile=2048:1024", "ulimit soft limit must be less than or equal to hard limit: 2048 > 1024"),
                               ("nofile=a", "invalid ulimit argument: nofile=a")] {
            #expect(throws: ResourceLimit.ParseError.self, "\(bad)") { try ResourceLimit(parsing: bad) }
            do { _ = try ResourceLimit(parsing: bad) } catch { #expect(error.description == message) }
        }
    }

    @Test("--sysctl allows only the network and IPC namespaces' parameters, and net.* not with the host's network")
    func sysctls() throws {
        let forward = try Sysctls.parse("net.ipv4.ip_forward=1")
        #expect(forward.key == "net.ipv4.ip_forward" && forward.value == "1")
        #expect(try Sysctls.parse("kernel.shmmax=1000000").key == "kernel.shmmax")
        #expect(try Sysctls.parse("fs.mqueue.msg_max=20").value == "20")
        for bad in ["kernel.foo=1", "vm.swappiness=1", "net.ipv4.ip_forward", "kernel.hostname=x", "net.ipv4/../../x=1"] {
            #expect(throws: RuntimeError.self, "\(bad)") { try Sysctls.parse(bad) }
        }
        do { _ = try Sysctls.parse("kernel.foo=1") } catch let error as RuntimeError {
            #expect(error.message == "invalid argument \"kernel.foo=1\" for \"--sysctl\" flag: sysctl 'kernel.foo=1' is not allowed")
        }
        #expect(throws: RuntimeError.self) { try Sysctls.check(["net.ipv4.ip_forward": "1"], network: .host) }
        #expect(throws: Never.self) { try Sysctls.check(["kernel.shmmax": "1"], network: .host) }
        #expect(throws: Never.self) { try Sysctls.check(["net.ipv4.ip_forward": "1"], network: .none) }
        #expect(SetupStep.sysctlPath("net.ipv4.ip_forward") == "/proc/sys/net/ipv4/ip_forward")
    }

    @Test("--add-host lines follow the network's, host-gateway becoming the bridge's address; --dns replaces servers")
    func nameResolution() throws {
        for bad in ["foo", ":1.2.3.4", "foo:notip"] {
            #expect(throws: RuntimeError.self, "\(bad)") { try NameResolution.checkExtraHost(bad) }
        }
        #expect(throws: Never.self) { try NameResolution.checkExtraHost("v6:::1") }
        #expect(throws: RuntimeError.self) { try NameResolution.checkServer("dns.example") }
        for good in ["example.com", "a-b.example.com.", ".", "corp"] {
            #expect(throws: Never.self, "\(good)") { try NameResolution.checkSearchDomain(good) }
        }
        for bad in ["example.com\nnameserver 6.6.6.6", "-a.com", "a..b", "123", "", "a b"] {
            #expect(throws: RuntimeError.self, "\(bad)") { try NameResolution.checkSearchDomain(bad) }
        }
        let names = NameResolution(extraHosts: ["db:10.1.2.3", "gw:host-gateway"], servers: ["9.9.9.9"], searchDomains: ["example.com"])
        #expect(try names.hostsLines(gateway: "10.88.0.1") == "10.1.2.3\tdb\n10.88.0.1\tgw\n")
        #expect(throws: RuntimeError.self) { try names.hostsLines(gateway: nil) }
        let host = "nameserver 192.168.1.1\nsearch lan\noptions ndots:2\n"
        #expect(names.applied(to: host) == "search example.com\nnameserver 9.9.9.9\noptions ndots:2\n")
        #expect(NameResolution(searchDomains: ["."]).applied(to: host) == "nameserver 192.168.1.1\noptions ndots:2\n")
        #expect(NameResolution().applied(to: host) == host)
    }

    @Test("--mount reads Docker's key=value fields into the mounts -v and --tmpfs make")
    func mounts() throws {
        func flagged(_ mount: VolumeMount) -> VolumeMount {
            var mount = mount
            mount.fromMountFlag = true
            return mount
        }
        #expect(try VolumeMount.parse(mount: "type=bind,source=/tmp,target=/data,readonly")
                == flagged(VolumeMount(kind: .bind, source: "/tmp", destination: "/data", readOnly: true)))
        #expect(try VolumeMount.parse(mount: "type=bind,src=/tmp,dst=/data,ro=false")
                == flagged(VolumeMount(kind: .bind, source: "/tmp", destination: "/data")))
        #expect(try VolumeMount.parse(mount: "source=cache,destination=/cache")
                == flagged(VolumeMount(kind: .volume, source: "cache", destination: "/cache")))
        #expect(try VolumeMount.parse(mount: "type=tmpfs,dst=/scratch,tmpfs-size=1m,tmpfs-mode=1770")
                == flagged(VolumeMount(kind: .tmpfs, source: "tmpfs", destination: "/scratch", options: "size=1048576,mode=1770")))
        let refused = [
            "src=/tmp": "target is required",
            "type=bind,src=/tmp,dst=/x,readonly=maybe": "invalid value for readonly: maybe",
            "type=tmpfs,dst=/x,tmpfs-size=lots": "invalid value for tmpfs-size: lots",
            "type=tmpfs,dst=/x,tmpfs-mode=abc": "invalid value for tmpfs-mode: abc",
            "type=bind,src=/tmp,dst=/x,bogus=1": "unexpected key 'bogus' in 'bogus=1'",
            "dst=/x,volume-opt=type=nfs": "volume-opt is not supported",
            "type=npipe,dst=/x": "invalid mount type \"npipe\"",
        ]
        for (spec, reason) in refused {
            do {
                _ = try VolumeMount.parse(mount: spec)
                Issue.record("\(spec) was accepted")
            } catch let error as RuntimeError {
                #expect(error.message.contains(reason), "\(error.message)")
                #expect(error.message.hasPrefix("invalid argument \"\(spec)\" for \"--mount\" flag: "))
            }
        }
        #expect(throws: RuntimeError.self) { try VolumeMount.parse(mount: "type=bind,dst=/x") }
    }
}
