/// How a learner's steps may touch the kernel, decided once when the player starts.
///
/// Root of the host runs every step for real. An ordinary user runs them in **rootless mode**
/// when the kernel lets them own a user namespace with their subordinate ids: they are root
/// inside it, so containers, images and layers are real, but what belongs to the host alone —
/// a cgroup nobody delegated, a port below 1024, a bridge — stays out of reach. Everyone else
/// (and whoever asks with `--simulate`) gets recorded real runs and the simulation.
public enum LearnerMode: Sendable, Equatable {
    case root
    case rootless(RootlessAbilities)
    case simulation(SimulationCause)

    /// Whether steps reach a real engine at all (root or rootless).
    public var isReal: Bool {
        if case .simulation = self { return false }
        return true
    }

    /// The mode for a learner with effective uid `euid`, given what the host allows.
    /// `simulate` is the learner's own `--simulate`: it wins over everything.
    public static func choose(euid: UInt32, simulate: Bool, probe: RootlessProbe) -> LearnerMode {
        if simulate { return .simulation(.asked) }
        if euid == 0 { return .root }
        if let cause = probe.obstacle { return .simulation(cause) }
        return .rootless(RootlessAbilities(cgroupsDelegated: probe.cgroupDelegated,
                                           unprivilegedPortStart: probe.unprivilegedPortStart,
                                           defaultNetwork: probe.defaultNetwork))
    }
}

/// Why a learner without root gets no real runs.
public enum SimulationCause: Sendable, Equatable {
    /// `--simulate` on the command line.
    case asked
    /// `/proc/sys/user/max_user_namespaces` is 0 (or the file is missing): no user namespaces.
    case noUserNamespaces
    /// `newuidmap`/`newgidmap` (Debian's `uidmap`) are not installed.
    case noMapHelpers
    /// The user has no range in /etc/subuid or /etc/subgid: only their own id could be mapped,
    /// and the lessons' containers switch users and unpack files of several owners.
    case noSubordinateIDs(user: String)
}

/// What an ordinary user in rootless mode may still do that only root usually can.
public struct RootlessAbilities: Sendable, Equatable {
    /// A cgroup v2 subtree is delegated to the user (systemd's `Delegate=`), so `-m`,
    /// `--cpus` and `--pids-limit` have a cgroup to write.
    public var cgroupsDelegated: Bool
    /// `net.ipv4.ip_unprivileged_port_start`: the first port anyone may bind (1024 by default).
    public var unprivilegedPortStart: Int
    /// The engine gives a rootless container a network by default (pasta). Without it, only
    /// `--network none` runs: the default bridge, and `build`'s RUN on it, are root's.
    public var defaultNetwork: Bool

    public init(cgroupsDelegated: Bool = false, unprivilegedPortStart: Int = 1024, defaultNetwork: Bool = false) {
        self.cgroupsDelegated = cgroupsDelegated
        self.unprivilegedPortStart = unprivilegedPortStart
        self.defaultNetwork = defaultNetwork
    }
}

/// The host's facts that decide whether rootless mode can run, read once by the CLI
/// (`/proc/sys/user/max_user_namespaces`, `/usr/bin/newuidmap`, /etc/subuid, the user's cgroup).
public struct RootlessProbe: Sendable, Equatable {
    public var user: String
    public var maxUserNamespaces: Int
    public var mapHelpersInstalled: Bool
    public var hasSubordinateIDs: Bool
    public var cgroupDelegated: Bool
    public var unprivilegedPortStart: Int
    public var defaultNetwork: Bool

    public init(user: String, maxUserNamespaces: Int, mapHelpersInstalled: Bool, hasSubordinateIDs: Bool,
                cgroupDelegated: Bool = false, unprivilegedPortStart: Int = 1024, defaultNetwork: Bool = false) {
        self.user = user
        self.maxUserNamespaces = maxUserNamespaces
        self.mapHelpersInstalled = mapHelpersInstalled
        self.hasSubordinateIDs = hasSubordinateIDs
        self.cgroupDelegated = cgroupDelegated
        self.unprivilegedPortStart = unprivilegedPortStart
        self.defaultNetwork = defaultNetwork
    }

    /// The first thing that keeps rootless mode from running the lessons; nil when nothing does.
    public var obstacle: SimulationCause? {
        if maxUserNamespaces <= 0 { return .noUserNamespaces }
        if !mapHelpersInstalled { return .noMapHelpers }
        if !hasSubordinateIDs { return .noSubordinateIDs(user: user) }
        return nil
    }
}
