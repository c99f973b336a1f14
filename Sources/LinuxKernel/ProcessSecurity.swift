import Explain

/// How a container's process is confined beyond its namespaces: which capabilities it keeps,
/// whether execve may ever raise its privileges, and which system calls the kernel refuses it.
/// The C child applies it (CLinux/security.c) right around its change of identity.
public struct ProcessSecurity: Sendable, Equatable {
    /// The capabilities kept: the bounding set, and the effective set when the process runs as
    /// uid 0. Nil keeps every capability (`--privileged`).
    public var capabilities: Set<Capability>?
    /// PR_SET_NO_NEW_PRIVS (`--security-opt no-new-privileges`).
    public var noNewPrivileges: Bool
    /// The seccomp profile, in Docker's format, which `SeccompFilter` compiles for `capabilities`;
    /// nil installs no filter (`--security-opt seccomp=unconfined`, `--privileged`).
    public var seccomp: SeccompProfile?
    /// The other four sets exactly as given, for any uid (the OCI runtime's `process.capabilities`);
    /// nil: Docker's rule, effective and permitted = `capabilities` for uid 0, empty otherwise.
    public var sets: CapabilitySets?
    /// Where Docker's default profile, compiled, is kept between starts; set only when `seccomp`
    /// is that profile (nil: compiled at each start).
    public var seccompCache: SeccompProgramCache?

    public init(capabilities: Set<Capability>?, noNewPrivileges: Bool = false, seccomp: SeccompProfile?,
                sets: CapabilitySets? = nil, seccompCache: SeccompProgramCache? = nil) {
        self.capabilities = capabilities
        self.noNewPrivileges = noNewPrivileges
        self.seccomp = seccomp
        self.sets = sets
        self.seccompCache = seccompCache
    }

    /// What Docker gives a container unless told otherwise.
    public static let dockerDefault = ProcessSecurity(capabilities: Capability.dockerDefault, seccomp: .dockerDefault)
    /// No confinement at all, as for `--privileged`, or a process that is not a container's.
    public static let unconfined = ProcessSecurity(capabilities: nil, seccomp: nil)

    /// The event describing the capability sets a process running as `uid` ends up with.
    func capabilitiesEvent(uid: UInt32) -> Event.Kind {
        let bounding = (capabilities.map { $0.sorted() } ?? Capability.allCases).map(\.name)
        let effective = sets.map { $0.effective.sorted().map(\.name) } ?? (uid == 0 ? bounding : [])
        return .capabilities(bounding: bounding, effective: effective, noNewPrivileges: noNewPrivileges)
    }

    /// The filter the process gets, compiled for its bounding set; nil without a profile.
    public func seccompFilter() -> SeccompFilter? {
        guard let profile = seccomp else { return nil }
        let bounding = capabilities ?? Set(Capability.allCases)
        if let seccompCache { return seccompCache.dockerDefaultProgram(capabilities: bounding) }
        return SeccompFilter(profile, capabilities: bounding)
    }

    /// The event for the seccomp filter compiled from this profile (`seccompFilter()`), if there is one.
    func seccompEvent(for filter: SeccompFilter) -> Event.Kind? {
        guard let profile = seccomp else { return nil }
        let explanation = SeccompExplanation(profile: profile, filter: filter)
        return .seccompFilter(instructions: filter.program.count, refused: explanation.refusedNames, rules: explanation.lines)
    }
}
