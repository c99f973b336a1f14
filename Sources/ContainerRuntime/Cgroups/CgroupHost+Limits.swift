import LinuxKernel

extension CgroupHost {
    /// A limit the host cannot apply fails the container's create (exit 125) saying why, rather
    /// than running unlimited; a course that teaches limits must not pretend. Rootless without a
    /// cgroup no limit can be applied; in a delegated subtree, those whose controller was delegated.
    public func checkLimits(_ limits: ResourceLimits) throws {
        let asked = Self.controllersAsked(by: limits)
        switch self {
        case let .unavailable(reason) where !asked.isEmpty:
            let flags = asked.map(\.flag).joined(separator: ", ")
            throw RuntimeError(code: .invalidArgument, "\(flags) needs a cgroup, and rootless dockyard cannot make one here: \(reason); or run as root")
        case let .delegated(root, controllers):
            let missing = asked.filter { !controllers.contains($0.controller) }
            guard !missing.isEmpty else { return }
            let flags = missing.map(\.flag).joined(separator: ", ")
            let names = missing.map(\.controller).joined(separator: ", ")
            let delegated = controllers.isEmpty ? "none" : controllers.joined(separator: " ")
            throw RuntimeError(code: .invalidArgument, "\(flags) needs the cgroup v2 \(names) controller, which is not delegated to you (\(root) has: \(delegated)); to delegate it, \(RootlessCgroupReason.enableDelegation); or run as root")
        default:
            return
        }
    }

    /// The v2 controller each asked-for limit needs, with the flag that asked for it.
    static func controllersAsked(by limits: ResourceLimits) -> [(flag: String, controller: String)] {
        var asked: [(flag: String, controller: String)] = []
        if limits.memoryBytes != nil { asked.append(("--memory", "memory")) }
        if limits.memorySwapBytes != nil { asked.append(("--memory-swap", "memory")) }
        if limits.memoryReservationBytes != nil { asked.append(("--memory-reservation", "memory")) }
        if limits.oomKillDisable == true { asked.append(("--oom-kill-disable", "memory")) }
        if limits.cpus != nil { asked.append(("--cpus", "cpu")) }
        if limits.cpuShares != nil { asked.append(("--cpu-shares", "cpu")) }
        if limits.cpusetCpus != nil { asked.append(("--cpuset-cpus", "cpuset")) }
        if limits.pids != nil { asked.append(("--pids-limit", "pids")) }
        if limits.deviceReadBps != nil { asked.append(("--device-read-bps", "io")) }
        if limits.deviceWriteBps != nil { asked.append(("--device-write-bps", "io")) }
        return asked
    }
}
