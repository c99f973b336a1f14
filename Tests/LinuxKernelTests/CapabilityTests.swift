import LinuxKernel
import Testing

@Suite("Capabilities")
struct CapabilityTests {
    @Test("Docker's 14 default capabilities are the mask /proc shows in a Docker container")
    func dockerMask() {
        #expect(Capability.dockerDefault.count == 14)
        #expect(Capability.mask(Capability.dockerDefault) == 0xa804_25fb)
    }

    @Test("names read the way --cap-add takes them and the kernel headers spell them")
    func names() {
        #expect(Capability.netAdmin.name == "NET_ADMIN")
        #expect(Capability.sysAdmin.rawValue == 21)
        #expect(Capability.checkpointRestore.rawValue == 40)
        #expect(Capability(name: "cap_net_admin") == .netAdmin)
        #expect(Capability(name: "Sys_Admin") == .sysAdmin)
        #expect(Capability(name: "FLY") == nil)
        #expect(Capability.allCases.allSatisfy { Capability(name: $0.name) == $0 })
    }
}

@Suite("Capability names")
struct CapabilityNameTests {
    @Test("the table of names matches the case names, one per bit, as the kernel spells them")
    func namesMatchCases() {
        #expect(Capability.allCases.count == 41)
        for capability in Capability.allCases {
            let derived = String(describing: capability).reduce(into: "") { name, character in
                if character.isUppercase { name += "_" }
                name += character.uppercased()
            }
            #expect(capability.name == derived)
        }
        #expect(Capability.sysTtyConfig.name == "SYS_TTY_CONFIG" && Capability.checkpointRestore.name == "CHECKPOINT_RESTORE")
    }
}
