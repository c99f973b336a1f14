import LinuxKernel

/// Docker's confinement flags for `run`: `--privileged`, `--cap-add`, `--cap-drop` and
/// `--security-opt`. Kept in the container's record, so `exec` and a restart confine the same way.
public struct SecurityOptions: Sendable, Codable, Equatable {
    /// All capabilities, no seccomp filter, no masked paths, a writable /sys.
    public var privileged = false
    /// Capability names without `CAP_` (`NET_ADMIN`), or `ALL`.
    public var capAdd: [String] = []
    public var capDrop: [String] = []
    /// `--security-opt seccomp=unconfined`.
    public var seccompUnconfined = false
    /// `--security-opt no-new-privileges`.
    public var noNewPrivileges = false
    /// `--security-opt seccomp=FILE.json`: the profile read from the file, kept here in Docker's
    /// format so `exec` and a restart compile the same one; nil means Docker's default.
    public var seccompProfile: SeccompProfile?

    public init() {}

    /// A `--cap-add`/`--cap-drop` value as stored: `ALL`, or a capability's name; nil when the
    /// kernel has no such capability.
    public static func normalizedCapability(_ text: String) -> String? {
        if text.uppercased() == "ALL" { return "ALL" }
        return Capability(name: text)?.name
    }

    /// What the process runs with. Docker's rule: `--cap-add ALL` keeps all but the dropped ones,
    /// `--cap-drop ALL` keeps only the added ones, otherwise the default set minus drops plus adds.
    public var processSecurity: ProcessSecurity { processSecurity(seccompCache: nil) }

    /// `processSecurity`, with Docker's default profile compiled once into `seccompCache` (a
    /// custom profile, or none, is not cached).
    public func processSecurity(seccompCache: SeccompProgramCache?) -> ProcessSecurity {
        if privileged { return ProcessSecurity(capabilities: nil, noNewPrivileges: noNewPrivileges, seccomp: nil) }
        let adds = Set(capAdd.compactMap { Capability(name: $0) })
        let drops = Set(capDrop.compactMap { Capability(name: $0) })
        let kept: Set<Capability>
        if capAdd.contains("ALL") {
            kept = Capability.grantable.subtracting(drops)
        } else if capDrop.contains("ALL") {
            kept = adds
        } else {
            kept = Capability.dockerDefault.subtracting(drops).union(adds)
        }
        let usesDefault = !seccompUnconfined && seccompProfile == nil
        return ProcessSecurity(capabilities: kept, noNewPrivileges: noNewPrivileges,
                               seccomp: seccompUnconfined ? nil : seccompProfile ?? .dockerDefault,
                               seccompCache: usesDefault ? seccompCache : nil)
    }
}
