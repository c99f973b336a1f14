import CLinux
#if canImport(Glibc)
import Glibc
#endif
import LinuxKernel

/// A straightforward reading of a seccomp profile, written apart from the compiler: given a call
/// (number, architecture, arguments) and a process's capabilities, which verdict the profile
/// means, by walking its entries as libseccomp and Docker would. Tests compare the compiled BPF
/// with it call by call.
struct SeccompReference {
    let profile: SeccompProfile
    let capabilities: Set<String>
    let kernel: KernelVersion

    init(_ profile: SeccompProfile, capabilities: Set<Capability>, kernel: KernelVersion) {
        self.profile = profile
        self.capabilities = Set(capabilities.map { "CAP_" + $0.name })
        self.kernel = kernel
    }

    /// Docker's includes/excludes test, spelled out.
    func applies(_ entry: SeccompProfile.Entry) -> Bool {
        let arch = SeccompRules.nativeArchitecture
        if let excludes = entry.excludes {
            if (excludes.arches ?? []).contains(arch) { return false }
            for cap in excludes.caps ?? [] where capabilities.contains(cap) { return false }
            if let text = excludes.minKernel, let minimum = KernelVersion(text), !(kernel < minimum) { return false }
        }
        if let includes = entry.includes {
            let arches = includes.arches ?? []
            if !arches.isEmpty && !arches.contains(arch) { return false }
            for cap in includes.caps ?? [] where !capabilities.contains(cap) { return false }
            if let text = includes.minKernel, let minimum = KernelVersion(text), kernel < minimum { return false }
        }
        return true
    }

    static func holds(_ argument: SeccompProfile.Argument, _ arguments: [UInt64]) -> Bool {
        let actual = arguments[Int(argument.index)]
        switch argument.op {
        case .equal: return actual == argument.value
        case .notEqual: return actual != argument.value
        case .lessThan: return actual < argument.value
        case .lessOrEqual: return actual <= argument.value
        case .greaterThan: return actual > argument.value
        case .greaterOrEqual: return actual >= argument.value
        case .maskedEqual: return actual & argument.value == (argument.valueTwo ?? 0)
        }
    }

    func verdict(number: UInt32, arch: UInt32 = dy_audit_arch(), arguments: [UInt64] = Array(repeating: 0, count: 6)) -> UInt32 {
        let eperm = SeccompFilter.fail(EPERM)
        if arch != dy_audit_arch() { return eperm }
        if dy_foreign_syscall_bit() != 0 && number >= dy_foreign_syscall_bit() { return eperm }
        let applying = profile.syscalls.filter(applies)
        let naming = applying.filter { $0.names.contains { SeccompFilter.number($0) == number } }
        if let outright = naming.first(where: { ($0.args ?? []).isEmpty }) {
            return SeccompFilter.verdict(outright.action, errno: outright.errnoRet)
        }
        if let matched = naming.first(where: { ($0.args ?? []).allSatisfy { Self.holds($0, arguments) } }) {
            return SeccompFilter.verdict(matched.action, errno: matched.errnoRet)
        }
        let highest = applying.flatMap(\.names).compactMap(SeccompFilter.number).max() ?? 0
        if ![.allow, .log, .trace].contains(profile.defaultAction) && number > highest {
            return SeccompFilter.fail(ENOSYS)
        }
        return SeccompFilter.verdict(profile.defaultAction, errno: profile.defaultErrnoRet)
    }
}
