/// The four per-process capability sets besides the bounding set (capabilities(7)), as an OCI
/// config.json writes them: effective (checked by the kernel now), permitted (the most effective
/// may become), inheritable (kept across execve for files that ask) and ambient (kept across
/// execve for any program, even as a non-root user). runc applies them as written, for any uid;
/// `dockyard run` never does (Docker's rule: a non-root user gets no effective capabilities).
public struct CapabilitySets: Sendable, Equatable {
    public var effective: Set<Capability>
    public var permitted: Set<Capability>
    public var inheritable: Set<Capability>
    public var ambient: Set<Capability>

    public init(effective: Set<Capability>, permitted: Set<Capability>,
                inheritable: Set<Capability>, ambient: Set<Capability>) {
        self.effective = effective
        self.permitted = permitted
        self.inheritable = inheritable
        self.ambient = ambient
    }
}
