import LinuxKernel
import OCI

/// config.json's process and namespaces as a `ContainerLaunch`, the same description
/// `dockyard run` hands the kernel: the kernel turns it into the one `LaunchPlan`.
struct OCILaunch {
    var spec: RuntimeSpec
    var bundle: String
    var rootfs: String
    /// `linux.seccomp`, read in Docker's profile format.
    var seccomp: SeccompProfile?

    /// The kinds config.json names without a path: made new by clone(2).
    var newNamespaces: [Namespace] {
        (spec.linux?.namespaces ?? []).filter { $0.path == nil }.compactMap { Self.kind($0.type) }
    }

    /// The kinds config.json names with a path: entered with setns(2) (a pid one: born there).
    var joinedNamespaces: [JoinedNamespace] {
        (spec.linux?.namespaces ?? []).compactMap { namespace in
            guard let path = namespace.path, let kind = Self.kind(namespace.type) else { return nil }
            return JoinedNamespace(kind, path: path)
        }
    }

    /// A new user namespace's id maps as config.json writes them; nil without one (or without maps).
    var userNamespace: UserNamespaceMapping? {
        guard newNamespaces.contains(.user), let uids = spec.linux?.uidMappings, let gids = spec.linux?.gidMappings,
              !uids.isEmpty, !gids.isEmpty else { return nil }
        func map(_ ranges: [RuntimeSpec.IDMapping]) -> IDMap {
            IDMap(ranges.map { IDMap.Range(inside: $0.containerID, outside: $0.hostID, count: $0.size) })
        }
        var mapping = UserNamespaceMapping(hostID: uids[0].hostID, count: uids[0].size)
        mapping.explicitUIDMap = map(uids)
        mapping.explicitGIDMap = map(gids)
        return mapping
    }

    /// The spec's names for the kinds of namespace.
    static func kind(_ type: String) -> Namespace? {
        switch type {
        case "mount": .mount
        case "network": .net
        case "pid": .pid
        case "ipc": .ipc
        case "uts": .uts
        case "cgroup": .cgroup
        case "user": .user
        default: nil
        }
    }

    /// What config.json asks that Dockyard cannot do, named as the spec names it.
    func unsupported() -> String? {
        // runtime-spec: ociVersion MUST be SemVer 2.0.0, and a runtime MUST refuse what it cannot
        // understand (runc 1.1.5 accepts any string; crun refuses one without "1.0" in it).
        guard let version = SemanticVersion(spec.ociVersion) else {
            return "ociVersion: \"\(spec.ociVersion)\" is not a SemVer 2.0.0 version (such as 1.2.0)"
        }
        guard version.major == 1 else {
            return "ociVersion: \(spec.ociVersion) is not supported: this runtime implements runtime-spec 1.x"
        }
        for namespace in spec.linux?.namespaces ?? [] {
            guard let kind = Self.kind(namespace.type) else { return "linux.namespaces: unknown type \"\(namespace.type)\"" }
            if kind == .user, namespace.path == nil, userNamespace == nil {
                return "linux.namespaces: a new user namespace needs linux.uidMappings and linux.gidMappings"
            }
        }
        for limit in spec.process?.rlimits ?? [] where ResourceLimit.resources[Self.rlimitName(limit.type)] == nil {
            return "process.rlimits: unknown type \"\(limit.type)\""
        }
        for path in (spec.linux?.maskedPaths ?? []) + (spec.linux?.readonlyPaths ?? []) where !path.hasPrefix("/") {
            return "linux.maskedPaths/readonlyPaths: \"\(path)\" is not an absolute path"
        }
        for name in Self.capabilityNames(spec.process?.capabilities) where Capability(name: name) == nil {
            return "process.capabilities: unknown capability \"\(name)\""
        }
        return nil
    }

    /// RLIMIT_NOFILE -> nofile, the name `ResourceLimit` knows it by.
    static func rlimitName(_ type: String) -> String {
        (type.hasPrefix("RLIMIT_") ? String(type.dropFirst(7)) : type).lowercased()
    }

    static func capabilityNames(_ capabilities: RuntimeSpec.Capabilities?) -> [String] {
        guard let capabilities else { return [] }
        return [capabilities.bounding, capabilities.effective, capabilities.permitted,
                capabilities.inheritable, capabilities.ambient].flatMap { $0 ?? [] }
    }

    /// The process's confinement: the five capability sets as written, for any uid (nil: no
    /// capabilities object, every one kept, as runc leaves them), no_new_privs and the seccomp filter.
    ///
    /// The kernel makes a capability ambient only when it is both permitted and inheritable
    /// (capabilities(7)). `runc spec`'s own config.json lists three ambient capabilities and no
    /// inheritable ones; runc tries each raise and goes on without those the kernel refuses
    /// (its container shows CapAmb 0), so the ambient set here is cut to what can be raised.
    static func security(_ process: RuntimeSpec.Process, seccomp: SeccompProfile?) -> ProcessSecurity {
        guard let given = process.capabilities else {
            return ProcessSecurity(capabilities: nil, noNewPrivileges: process.noNewPrivileges ?? false, seccomp: seccomp)
        }
        func set(_ names: [String]?) -> Set<Capability> { Set((names ?? []).compactMap { Capability(name: $0) }) }
        let permitted = set(given.permitted), inheritable = set(given.inheritable)
        let sets = CapabilitySets(effective: set(given.effective), permitted: permitted, inheritable: inheritable,
                                  ambient: set(given.ambient).intersection(permitted).intersection(inheritable))
        return ProcessSecurity(capabilities: set(given.bounding), noNewPrivileges: process.noNewPrivileges ?? false,
                               seccomp: seccomp, sets: sets)
    }

    /// The process part, shared by `create` and `exec` (whose process.json is a `Process`).
    static func process(_ process: RuntimeSpec.Process, seccomp: SeccompProfile?, into launch: inout ContainerLaunch) {
        launch.argv = process.args ?? []
        launch.environment = process.env ?? []
        launch.workingDirectory = process.cwd
        launch.uid = process.user.uid
        launch.gid = process.user.gid
        launch.supplementaryGroups = process.user.additionalGids ?? []
        launch.security = security(process, seccomp: seccomp)
        launch.resourceLimits = (process.rlimits ?? []).map {
            ResourceLimit(name: rlimitName($0.type), soft: Int64(clamping: $0.soft), hard: Int64(clamping: $0.hard))
        }
        if process.terminal == true {
            launch.terminal = process.consoleSize.map { TerminalSize(rows: $0.height, columns: $0.width) }
                ?? TerminalSize(rows: 24, columns: 80)
        }
        launch.dieWithParent = false
    }

    /// The container's first process, waiting at `startGate` once set up.
    func launch(startGate: String, consoleSocket: Int32?, cgroupView: [CgroupViewMount]) -> ContainerLaunch {
        let namespaces = newNamespaces
        let filesystem = OCIFilesystemPlan(rootfs: rootfs, bundle: bundle, spec: spec, cgroupView: cgroupView)
        var launch = ContainerLaunch(
            namespaces: namespaces, steps: namespaces.contains(.mount) ? filesystem.steps : [],
            rootfs: namespaces.contains(.mount) ? rootfs : nil,
            hostname: namespaces.contains(.uts) ? spec.hostname : nil,
            loopbackUp: namespaces.contains(.net), argv: [], environment: [], workingDirectory: "/", uid: 0, gid: 0)
        if let process = spec.process { Self.process(process, seccomp: seccomp, into: &launch) }
        launch.joinedNamespaces = joinedNamespaces
        launch.userNamespace = userNamespace
        launch.startGate = startGate
        launch.consoleSocket = consoleSocket
        return launch
    }
}
