import ContainerRuntime
import FoundationEssentials

/// A container as `docker inspect` shows it: the Docker Engine API's ContainerJSON with the keys
/// and empty values Docker 20.10+ prints (`"Name": "/web"`, `State.Running`, `HostConfig.Memory`,
/// `NetworkSettings.Networks.bridge.IPAddress`, …), so templates and scripts written for Docker
/// read it unchanged. Every value comes from the container's record; what Dockyard has no such
/// thing for is Docker's own empty value (`""`, `0`, `null`, `[]`, `{}`). Dockyard's own details
/// — cgroup directories, namespace inodes, the layer directories, the veth — are under one extra
/// key, `Dockyard`, and replace nothing of Docker's.
struct ContainerInspection: Encodable {
    let record: ContainerRecord
    let context: Context

    /// What the record alone cannot tell, read by `inspect` beside it.
    struct Context {
        /// The storage root: the container's files and named volumes live under it.
        var root: String
        /// Network name → id, for `Networks.NAME.NetworkID` (a network without one gets "").
        var networkIDs: [String: String] = [:]
        /// Whether the container has a log file: its monitor (`run -d`, `start`) wrote one.
        var hasLog = false
        /// The running process's namespaces as `readlink /proc/PID/ns/KIND` prints them.
        var namespaces: [String: String] = [:]
    }

    init(_ record: ContainerRecord, context: Context) {
        self.record = record
        self.context = context
    }

    var config: ContainerConfiguration { record.config }
    var paths: ContainerPaths { ContainerPaths(root: context.root, id: record.id) }

    /// The command as the container was asked to run it: without the `--init` Dockyard puts in
    /// front (Docker's `Path` and `Args` never show its docker-init either).
    var command: [String] {
        if config.initBinary != nil, config.argv.count >= 2, config.argv[1] == "--" { return Array(config.argv.dropFirst(2)) }
        return config.argv
    }

    func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: JSONKey.self)
        try keys.encode(record.id.full, forKey: "Id")
        try keys.encode(DockerTime.string(record.created), forKey: "Created")
        try keys.encode(command.first ?? "", forKey: "Path")
        try keys.encode(Array(command.dropFirst()), forKey: "Args")
        try keys.encode(State(record.state), forKey: "State")
        try keys.encode(config.imageID, forKey: "Image")
        try keys.encode(paths.resolvConf, forKey: "ResolvConfPath")
        try keys.encode(paths.hostname, forKey: "HostnamePath")
        try keys.encode(paths.hosts, forKey: "HostsPath")
        try keys.encode(context.hasLog ? ContainerLog.path(paths) : "", forKey: "LogPath")
        try keys.encode("/" + record.name, forKey: "Name")
        try keys.encode(record.restartCount, forKey: "RestartCount")
        try keys.encode("overlay", forKey: "Driver")
        try keys.encode("linux", forKey: "Platform")
        try keys.encode("", forKey: "MountLabel")
        try keys.encode("", forKey: "ProcessLabel")
        try keys.encode("", forKey: "AppArmorProfile")   // Dockyard applies no AppArmor profile
        try keys.encodeNil(forKey: "ExecIDs")               // nor keeps exec sessions
        try keys.encode(hostConfig, forKey: "HostConfig")
        try keys.encode(graphDriver, forKey: "GraphDriver")
        try keys.encode(mounts, forKey: "Mounts")
        try keys.encode(dockerConfig, forKey: "Config")
        try keys.encode(networkSettings, forKey: "NetworkSettings")
        try keys.encode(extras, forKey: "Dockyard")
    }

    /// Docker's `State`: what `ps` words as Up, Paused or Exited, with the times Docker's zero time
    /// stands in for where the container has not started or not finished.
    struct State: Encodable {
        let state: ContainerState

        init(_ state: ContainerState) { self.state = state }

        var status: String {
            switch state {
            case .created: "created"
            case .running: "running"
            case .paused: "paused"
            case .exited: "exited"
            }
        }

        func encode(to encoder: any Encoder) throws {
            var keys = encoder.container(keyedBy: JSONKey.self)
            try keys.encode(status, forKey: "Status")
            try keys.encode(state.isRunning, forKey: "Running")
            try keys.encode(state.isPaused, forKey: "Paused")
            try keys.encode(false, forKey: "Restarting")
            try keys.encode(state.exit?.oomKilled ?? false, forKey: "OOMKilled")
            try keys.encode(false, forKey: "Dead")
            try keys.encode(state.process?.pid ?? 0, forKey: "Pid")
            try keys.encode(state.exit?.code ?? 0, forKey: "ExitCode")
            try keys.encode("", forKey: "Error")
            try keys.encode(DockerTime.string(state.process?.startedAt ?? state.exit?.startedAt), forKey: "StartedAt")
            try keys.encode(DockerTime.string(state.exit?.finishedAt), forKey: "FinishedAt")
        }
    }

    /// Docker's `GraphDriver`: the overlay mount's directories, the top layer first as overlayfs
    /// lists lowerdirs.
    var graphDriver: [String: JSONValue] {
        ["Name": "overlay",
         "Data": .object(["LowerDir": .string(config.lowerdirs.reversed().joined(separator: ":")),
                          "MergedDir": .string(paths.rootfs), "UpperDir": .string(paths.upperdir),
                          "WorkDir": .string(paths.workdir)])]
    }

    /// Beyond Docker: the kernel objects behind the container, for learners and for Dockyard's tests.
    var extras: [String: JSONValue] {
        var extras: [String: JSONValue] = [
            "CgroupPaths": .strings(record.cgroupPaths),
            "LowerDirs": .strings(config.lowerdirs),
            "Argv": .strings(config.argv),
            "Environment": .strings(config.environment),
            "Uid": .number(Int64(config.uid)), "Gid": .number(Int64(config.gid)),
            "Groups": .array(config.groups.map { .number(Int64($0)) }),
            "UserNamespace": .bool(config.userNamespace),
            "Namespaces": .object(context.namespaces.mapValues { .string($0) }),
            "StopRequested": .bool(record.stopRequested),
        ]
        if let start = record.state.process?.startTime { extras["PidStartTime"] = .number(Int64(start)) }
        if let initBinary = config.initBinary { extras["InitBinary"] = .string(initBinary) }
        if let attachment = record.networkAttachment {
            extras["HostInterface"] = .string(attachment.hostInterface)
            extras["Bridge"] = .string(attachment.bridge)
            if let namespace = attachment.namespace { extras["NetworkNamespace"] = .string(namespace) }
        }
        if let userMode = record.userModeNetwork {
            extras["UserModeNetwork"] = .object(["Program": .string(userMode.program),
                                                 "Pid": userMode.pid.map { .number(Int64($0)) } ?? .null])
        }
        return extras
    }
}

/// Time as Docker prints it in `inspect`: RFC 3339 in UTC with the fraction Go's
/// `RFC3339Nano` keeps (trailing zeros dropped), and Go's zero time for a time that never was.
enum DockerTime {
    static let zero = "0001-01-01T00:00:00Z"

    static func string(_ date: Date?) -> String {
        guard let date else { return zero }
        let seconds = date.timeIntervalSince1970
        var whole = Int64(seconds.rounded(.down))
        // A Date holds about a tenth of a microsecond here; more digits would be noise.
        var micros = Int64(((seconds - Double(whole)) * 1_000_000).rounded())
        if micros == 1_000_000 { whole += 1; micros = 0 }
        let base = String(ContainerLog.timestampSeconds(whole).dropLast())
        guard micros > 0 else { return base + "Z" }
        var fraction = String(micros)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return base + "." + fraction + "Z"
    }
}
