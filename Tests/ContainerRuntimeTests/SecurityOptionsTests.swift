import ContainerRuntime
import Foundation
import LinuxKernel
import Testing

@Suite("--privileged, --cap-add, --cap-drop, --security-opt")
struct SecurityOptionsTests {
    func kept(add: [String] = [], drop: [String] = []) -> Set<Capability>? {
        var options = SecurityOptions()
        options.capAdd = add
        options.capDrop = drop
        return options.processSecurity.capabilities
    }

    @Test("Docker's rules: default minus drops plus adds; ALL on either side")
    func capabilityRules() {
        #expect(kept() == Capability.dockerDefault)
        #expect(kept(add: ["NET_ADMIN"], drop: ["CHOWN"]) == Capability.dockerDefault.subtracting([.chown]).union([.netAdmin]))
        #expect(kept(add: ["NET_BIND_SERVICE"], drop: ["ALL"]) == [.netBindService])
        #expect(kept(add: ["ALL"], drop: ["SYS_ADMIN"]) == Capability.grantable.subtracting([.sysAdmin]))
        #expect(kept(drop: ["ALL"]) == [])
    }

    @Test("names are checked and stored as the kernel spells them")
    func names() {
        #expect(SecurityOptions.normalizedCapability("cap_sys_admin") == "SYS_ADMIN")
        #expect(SecurityOptions.normalizedCapability("all") == "ALL")
        #expect(SecurityOptions.normalizedCapability("CAP_FLY") == nil)
    }

    @Test("--privileged keeps everything and filters nothing; the default filters, lifted by added capabilities")
    func seccomp() {
        var options = SecurityOptions()
        #expect(options.processSecurity.seccomp == .dockerDefault)
        #expect(options.processSecurity.seccompFilter()?.rules.allows("mount") == false)
        options.capAdd = ["SYS_ADMIN"]
        #expect(options.processSecurity.seccompFilter()?.rules.allows("mount") == true)
        options.seccompUnconfined = true
        #expect(options.processSecurity.seccomp == nil)
        var privileged = SecurityOptions()
        privileged.privileged = true
        #expect(privileged.processSecurity == .unconfined)
    }

    @Test("--security-opt seccomp=FILE keeps the profile in the record, in Docker's format, for exec and restarts")
    func customProfile() throws {
        var options = SecurityOptions()
        options.seccompProfile = SeccompProfile(defaultAction: .allow, syscalls: [.init(names: ["mkdir", "mkdirat"], action: .errno)])
        #expect(options.processSecurity.seccompFilter()?.rules.allows("mkdir") == false)
        #expect(options.processSecurity.seccompFilter()?.rules.allows("mount") == true)
        let stored = try JSONDecoder().decode(SecurityOptions.self, from: JSONEncoder().encode(options))
        #expect(stored == options)
        let old = try JSONDecoder().decode(SecurityOptions.self, from: Data(#"{"privileged":false,"capAdd":[],"capDrop":[],"seccompUnconfined":false,"noNewPrivileges":false}"#.utf8))
        #expect(old.seccompProfile == nil && old.processSecurity.seccomp == .dockerDefault)
    }
}
