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

    /// The whole object, its keys in Docker's order.
    var json: JSONValue {
        .object([
            "Id": .string(record.id.full),
            "Created": .string(DockerTime.string(record.created)),
            "Path": .string(command.first ?? ""),
            "Args": .strings(Array(command.dropFirst())),
            "State": state,
            "Image": .string(config.imageID),
            "ResolvConfPath": .string(paths.resolvConf),
            "HostnamePath": .string(paths.hostname),
            "HostsPath": .string(paths.hosts),
            "LogPath": .string(context.hasLog ? ContainerLog.path(paths) : ""),
            "Name": .string("/" + record.name),
            "RestartCount": .number(Int64(record.restartCount)),
            "Driver": "overlay",
            "Platform": "linux",
            "MountLabel": "",
            "ProcessLabel": "",
            "AppArmorProfile": "",   // Dockyard applies no AppArmor profile…
            "ExecIDs": .null,        // …and keeps no exec sessions
            "HostConfig": .object(hostConfig),
            "GraphDriver": graphDriver,
            "Mounts": .array(mounts),
            "Config": .object(dockerConfig),
            "NetworkSettings": .object(networkSettings),
            "Dockyard": .object(extras),
        ])
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    /// Docker's `State`: what `ps` words as Up, Paused or Exited, with Docker's zero time where
    /// the container has not started or not finished.
    var state: JSONValue {
        let state = record.state
        let status = switch state {
        case .created: "created"
        case .running: "running"
        case .paused: "paused"
        case .exited: "exited"
        }
        var result: JSONObject = [
            "Status": .string(status),
            "Running": .bool(state.isRunning),
            "Paused": .bool(state.isPaused),
            "Restarting": false,
            "OOMKilled": .bool(state.exit?.oomKilled ?? false),
            "Dead": false,
            "Pid": .number(Int64(state.process?.pid ?? 0)),
            "ExitCode": .number(Int64(state.exit?.code ?? 0)),
            "Error": "",
            "StartedAt": .string(DockerTime.string(state.process?.startedAt ?? state.exit?.startedAt)),
            "FinishedAt": .string(DockerTime.string(state.exit?.finishedAt)),
        ]
        if config.healthcheck?.probeCommand != nil, let health = ContainerHealth.load(paths) { result["Health"] = Self.health(health) }
        return .object(result)
    }

    /// Docker's `State.Health`: status, failing streak and the last probes.
    static func health(_ health: ContainerHealth) -> JSONValue {
        .object([
            "Status": .string(health.status.rawValue),
            "FailingStreak": .number(Int64(health.failingStreak)),
            "Log": .array(health.log.map { probe in
                .object(["Start": .string(probe.start), "End": .string(probe.end),
                         "ExitCode": .number(Int64(probe.exitCode)), "Output": .string(probe.output)])
            }),
        ])
    }

    /// Docker's `GraphDriver`: the overlay mount's directories, the top layer first as overlayfs
    /// lists lowerdirs.
    var graphDriver: JSONValue {
        .object([
            "Data": .object(["LowerDir": .string(config.lowerdirs.reversed().joined(separator: ":")),
                             "MergedDir": .string(paths.rootfs), "UpperDir": .string(paths.upperdir),
                             "WorkDir": .string(paths.workdir)]),
            "Name": "overlay",
        ])
    }

    /// Beyond Docker: the kernel objects behind the container, for learners and for Dockyard's tests.
    var extras: JSONObject {
        var extras: JSONObject = [
            "Argv": .strings(config.argv),
            "Environment": .strings(config.environment),
            "Uid": .number(Int64(config.uid)), "Gid": .number(Int64(config.gid)),
            "Groups": .array(config.groups.map { .number(Int64($0)) }),
            "LowerDirs": .strings(config.lowerdirs),
            "CgroupPaths": .strings(record.cgroupPaths),
            "Namespaces": .object(JSONObject.sorted(context.namespaces.map { (key: $0.key, value: .string($0.value)) })),
            "UserNamespace": .bool(config.userNamespace),
            "StopRequested": .bool(record.stopRequested),
        ]
        if let start = record.state.process?.startTime { extras["PidStartTime"] = .number(Int64(start)) }
        if let initBinary = config.initBinary { extras["InitBinary"] = .string(initBinary) }
        if let attachment = record.networkAttachment {
            extras["Bridge"] = .string(attachment.bridge)
            extras["HostInterface"] = .string(attachment.hostInterface)
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
