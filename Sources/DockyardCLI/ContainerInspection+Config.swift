import ContainerRuntime
import HostSystem

/// Docker's `Config` (what the container runs, from the image and the flags), `HostConfig`
/// (how the host confines and connects it) and `Mounts`, from the container's configuration.
extension ContainerInspection {
    /// What was asked, or — for a record written before Dockyard kept it — the nearest the
    /// resolved configuration tells: the whole command as `Cmd`, the environment without the
    /// HOSTNAME Dockyard adds.
    var requested: RequestedProcess {
        config.requested ?? RequestedProcess(
            entrypoint: [], cmd: command, env: config.environment.filter { !$0.hasPrefix("HOSTNAME=") },
            workingDir: config.workingDirectory, exposedPorts: config.publishedPorts.map { "\($0.containerPort)/\($0.proto)" })
    }

    /// Whether the run that made it waited for it (Docker's `Attach*`): a container its monitor
    /// ran in the background has a log file, a foreground one has none.
    var attached: Bool { !context.hasLog }

    /// Docker's `Config`, in its order; `ExposedPorts`, `StopSignal` and `StopTimeout` are Go's
    /// `omitempty`, left out rather than printed empty.
    var dockerConfig: JSONObject {
        let requested = requested
        var result: JSONObject = [
            "Hostname": .string(config.hostname), "Domainname": "", "User": .string(config.user),
            "AttachStdin": .bool(attached && config.interactive), "AttachStdout": .bool(attached),
            "AttachStderr": .bool(attached),
        ]
        if !requested.exposedPorts.isEmpty {
            result["ExposedPorts"] = .object(JSONObject.sorted(requested.exposedPorts.map { (key: $0, value: .emptyObject) }))
        }
        result["Tty"] = .bool(config.tty)
        result["OpenStdin"] = .bool(config.interactive)
        result["StdinOnce"] = .bool(attached && config.interactive)
        result["Env"] = .strings(requested.env)
        result["Cmd"] = .stringsOrNull(requested.cmd)
        if let healthcheck = config.healthcheck { result["Healthcheck"] = Self.healthcheck(healthcheck) }
        result["Image"] = .string(config.image)
        result["Volumes"] = anonymousVolumes.isEmpty ? .null
            : .object(JSONObject.sorted(anonymousVolumes.map { (key: $0.destination, value: .emptyObject) }))
        result["WorkingDir"] = .string(requested.workingDir)
        result["Entrypoint"] = .stringsOrNull(requested.entrypoint)
        result["OnBuild"] = .null
        result["Labels"] = .object(JSONObject.sorted(config.labels.map { (key: $0.key, value: .string($0.value)) }))
        if let signal = config.stopSignal { result["StopSignal"] = .string(Signal.name(of: signal) ?? String(signal)) }
        if let timeout = config.stopTimeout { result["StopTimeout"] = .number(Int64(timeout)) }
        return result
    }

    /// Docker's `HealthConfig`: every field `omitempty`, durations in nanoseconds.
    static func healthcheck(_ check: Healthcheck) -> JSONValue {
        var result: JSONObject = [:]
        if !check.test.isEmpty { result["Test"] = .strings(check.test) }
        if check.interval != 0 { result["Interval"] = .number(check.interval) }
        if check.timeout != 0 { result["Timeout"] = .number(check.timeout) }
        if check.startPeriod != 0 { result["StartPeriod"] = .number(check.startPeriod) }
        if check.retries != 0 { result["Retries"] = .number(Int64(check.retries)) }
        return .object(result)
    }

    /// `-v /path`: a volume with a random 64-hex name, which Docker lists in `Config.Volumes`
    /// rather than in `HostConfig.Binds`.
    var anonymousVolumes: [VolumeMount] {
        VolumeStore.anonymousVolumes(in: config.mounts)
    }

    /// Docker's `HostConfig`: its defaults, then what the flags changed.
    var hostConfig: JSONObject {
        var result = Self.hostConfigDefaults
        let binds = config.mounts.filter { $0.kind != .tmpfs && !($0.kind == .volume && VolumeStore.isAnonymousName($0.source)) && $0.fromMountFlag != true }
            .map { "\($0.source):\($0.destination)" + ($0.readOnly ? ":ro" : "") }
        result["Binds"] = .stringsOrNull(binds)
        result["NetworkMode"] = .string(config.network == .bridge ? "default" : config.network.rawValue)
        result["PidMode"] = .string(config.pidMode.text())
        result["IpcMode"] = .string(config.ipcMode.text(privateAs: "private"))
        result["UTSMode"] = .string(config.utsMode.text())
        result["PortBindings"] = portBindings
        result["RestartPolicy"] = restartPolicy
        if config.cgroupnsHost { result["CgroupnsMode"] = "host" }
        if let logging = config.logConfig {
            result["LogConfig"] = .object(["Type": .string(logging.type),
                                           "Config": .object(JSONObject.sorted(logging.config.map { (key: $0.key, value: .string($0.value)) }))])
        }
        result["AutoRemove"] = .bool(config.autoRemove)
        result["CapAdd"] = .stringsOrNull(config.security.capAdd.map(Self.capabilityName))
        result["CapDrop"] = .stringsOrNull(config.security.capDrop.map(Self.capabilityName))
        result["GroupAdd"] = .stringsOrNull(config.groupAdd)
        result["Privileged"] = .bool(config.security.privileged)
        result["ReadonlyRootfs"] = .bool(config.readOnlyRootfs)
        result["SecurityOpt"] = .stringsOrNull(securityOptions)
        addLimits(to: &result)
        addContainerSettings(to: &result)
        result["Devices"] = .array(config.devices.map { device -> JSONValue in
            .object(["PathOnHost": .string(device.hostPath), "PathInContainer": .string(device.containerPath),
                     "CgroupPermissions": .string(device.access.letters)])
        })
        let tmpfs = config.mounts.filter { $0.kind == .tmpfs && $0.fromMountFlag != true }
        if !tmpfs.isEmpty {
            result.insert("Tmpfs", .object(JSONObject.sorted(tmpfs.map { (key: $0.destination, value: .string(Self.tmpfsOptions($0))) })),
                          after: "SecurityOpt")
        }
        let mountFlags = config.mounts.filter { $0.fromMountFlag == true }
        if !mountFlags.isEmpty { result.insert("Mounts", .array(mountFlags.map(Self.apiMount)), after: "Isolation") }
        if config.security.privileged {
            result["MaskedPaths"] = .null
            result["ReadonlyPaths"] = .null
        }
        if config.initBinary != nil { result["Init"] = true }
        return result
    }

    /// The cgroup limits, as Docker's daemon records them.
    private func addLimits(to result: inout JSONObject) {
        let limits = config.limits
        result["Memory"] = .number(limits.memoryBytes ?? 0)
        // Docker's daemon lets as much swap as memory again unless told; Dockyard's cgroup writes the same.
        result["MemorySwap"] = .number(limits.memoryBytes == nil ? 0 : limits.memoryAndSwap ?? -1)
        result["MemoryReservation"] = .number(limits.memoryReservationBytes ?? 0)
        result["OomKillDisable"] = .bool(limits.oomKillDisable == true)
        result["NanoCpus"] = .number(limits.cpus.map { Int64(($0 * 1_000_000_000).rounded()) } ?? 0)
        result["CpuShares"] = .number(limits.cpuShares ?? 0)
        result["CpusetCpus"] = .string(limits.cpusetCpus ?? "")
        result["PidsLimit"] = limits.pids.map { .number($0) } ?? .null
        for (key, rates) in [("BlkioDeviceReadBps", limits.deviceReadBps), ("BlkioDeviceWriteBps", limits.deviceWriteBps)] {
            guard let rates else { continue }
            result[key] = .array(rates.map { .object(["Path": .string($0.path), "Rate": .number($0.bytesPerSecond)]) })
        }
    }

    /// `--cidfile`, `--add-host`, `--dns`, `--dns-search`, `--shm-size`, `--ulimit` and `--sysctl`.
    private func addContainerSettings(to result: inout JSONObject) {
        result["ContainerIDFile"] = .string(config.containerIDFile ?? "")
        let names = config.nameResolution
        result["ExtraHosts"] = .stringsOrNull(names.extraHosts)
        result["Dns"] = .strings(names.servers)
        result["DnsSearch"] = .strings(names.searchDomains)
        result["ShmSize"] = .number(config.shmSize ?? ContainerConfiguration.defaultShmSize)
        result["Ulimits"] = config.ulimits.isEmpty ? .null : .array(config.ulimits.map { limit in
            .object(["Name": .string(limit.name), "Hard": .number(limit.hard), "Soft": .number(limit.soft)])
        })
        if !config.sysctls.isEmpty {
            result.insert("Sysctls", .object(JSONObject.sorted(config.sysctls.map { (key: $0.key, value: .string($0.value)) })),
                          after: "ShmSize")
        }
    }

    /// What Docker prints for a container made with no flags, key for key (Docker 20.10+, with
    /// Dockyard's own runtime, cgroup namespace and /dev/shm size).
    static var hostConfigDefaults: JSONObject {
        ["Binds": .null, "ContainerIDFile": "", "LogConfig": .object(["Type": "json-file", "Config": .emptyObject]),
         "NetworkMode": "default", "PortBindings": .emptyObject,
         "RestartPolicy": .object(["Name": "no", "MaximumRetryCount": 0]), "AutoRemove": false,
         "VolumeDriver": "", "VolumesFrom": .null, "CapAdd": .null, "CapDrop": .null, "CgroupnsMode": "private",
         "Dns": .array([]), "DnsOptions": .array([]), "DnsSearch": .array([]), "ExtraHosts": .null, "GroupAdd": .null,
         "IpcMode": "private", "Cgroup": "", "Links": .null, "OomScoreAdj": 0, "PidMode": "", "Privileged": false,
         "PublishAllPorts": false, "ReadonlyRootfs": false, "SecurityOpt": .null, "UTSMode": "", "UsernsMode": "",
         "ShmSize": 67_108_864, "Runtime": "dockyard", "ConsoleSize": .array([0, 0]), "Isolation": "",
         "CpuShares": 0, "Memory": 0, "NanoCpus": 0, "CgroupParent": "", "BlkioWeight": 0,
         "BlkioWeightDevice": .array([]), "BlkioDeviceReadBps": .null, "BlkioDeviceWriteBps": .null,
         "BlkioDeviceReadIOps": .null, "BlkioDeviceWriteIOps": .null, "CpuPeriod": 0, "CpuQuota": 0,
         "CpuRealtimePeriod": 0, "CpuRealtimeRuntime": 0, "CpusetCpus": "", "CpusetMems": "", "Devices": .array([]),
         "DeviceCgroupRules": .null, "DeviceRequests": .null, "KernelMemory": 0, "KernelMemoryTCP": 0,
         "MemoryReservation": 0, "MemorySwap": 0, "MemorySwappiness": .null, "OomKillDisable": false,
         "PidsLimit": .null, "Ulimits": .null, "CpuCount": 0, "CpuPercent": 0, "IOMaximumIOps": 0,
         "IOMaximumBandwidth": 0, "MaskedPaths": .strings(MaskedPaths.docker.masked),
         "ReadonlyPaths": .strings(MaskedPaths.docker.readOnly)]
    }

    /// `-p`: Docker's `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`, as asked (an empty
    /// host port is one picked at start).
    var portBindings: JSONValue {
        var bindings: [String: [JSONValue]] = [:]
        for port in config.publishedPorts {
            bindings["\(port.containerPort)/\(port.proto)", default: []].append(
                .object(["HostIp": .string(port.hostIP?.description ?? ""), "HostPort": .string(port.hostPort == 0 ? "" : String(port.hostPort))]))
        }
        return .object(JSONObject.sorted(bindings.map { (key: $0.key, value: .array($0.value)) }))
    }

    var restartPolicy: JSONValue {
        switch config.restartPolicy {
        case .no: .object(["Name": "no", "MaximumRetryCount": 0])
        case .always: .object(["Name": "always", "MaximumRetryCount": 0])
        case let .onFailure(maximum): .object(["Name": "on-failure", "MaximumRetryCount": .number(Int64(maximum ?? 0))])
        }
    }

    /// `--security-opt` as Docker keeps it; a profile file's JSON is kept inline, as Docker does.
    var securityOptions: [String] {
        var options: [String] = []
        if config.security.seccompUnconfined { options.append("seccomp=unconfined") }
        if let profile = config.security.seccompProfile, let json = try? InspectJSON.compact(profile) {
            options.append("seccomp=" + json)
        }
        if config.security.noNewPrivileges { options.append("no-new-privileges") }
        return options
    }

    /// Docker 20.10+ stores capabilities with their `CAP_` prefix, whichever way they were typed.
    static func capabilityName(_ name: String) -> String {
        name == "ALL" ? name : "CAP_" + name
    }

    /// A `--mount` as Docker's API keeps it in `HostConfig.Mounts` (its `mount.Mount`, empty fields left out).
    static func apiMount(_ mount: VolumeMount) -> JSONValue {
        var result: JSONObject = ["Type": .string(mount.kind.rawValue)]
        if mount.kind != .tmpfs, !mount.source.isEmpty { result["Source"] = .string(mount.source) }
        result["Target"] = .string(mount.destination)
        if mount.readOnly { result["ReadOnly"] = true }
        if mount.kind == .tmpfs, let options = mount.options {
            var tmpfs: JSONObject = [:]
            for option in options.split(separator: ",") {
                let parts = option.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if parts[0] == "size", let bytes = Int64(parts[1]) { tmpfs["SizeBytes"] = .number(bytes) }
                if parts[0] == "mode", let mode = Int64(parts[1], radix: 8) { tmpfs["Mode"] = .number(mode) }
            }
            if !tmpfs.members.isEmpty { result["TmpfsOptions"] = .object(tmpfs) }
        }
        return .object(result)
    }

    static func tmpfsOptions(_ mount: VolumeMount) -> String {
        ((mount.readOnly ? ["ro"] : []) + (mount.options.map { [$0] } ?? [])).joined(separator: ",")
    }

    /// Docker's `Mounts`: binds and volumes (not `--tmpfs`, which Docker shows only in
    /// `HostConfig.Tmpfs`), each with where it comes from on the host.
    var mounts: [JSONValue] {
        config.mounts.compactMap { mount -> JSONValue? in
            switch mount.kind {
            case .tmpfs:   // `--tmpfs` shows only in HostConfig.Tmpfs; `--mount type=tmpfs` here too
                guard mount.fromMountFlag == true else { return nil }
                return .object(["Type": "tmpfs", "Source": "", "Destination": .string(mount.destination), "Mode": "",
                                "RW": .bool(!mount.readOnly), "Propagation": ""])
            case .bind:
                return .object(["Type": "bind", "Source": .string(mount.source), "Destination": .string(mount.destination),
                                "Mode": mount.readOnly ? "ro" : "", "RW": .bool(!mount.readOnly), "Propagation": "rprivate"])
            case .volume:
                let mode: JSONValue = mount.readOnly ? "ro" : (VolumeStore.isAnonymousName(mount.source) ? "" : "z")
                return .object(["Type": "volume", "Name": .string(mount.source),
                                "Source": .string(VolumeStore(root: context.root).dataPath(mount.source)),
                                "Destination": .string(mount.destination), "Driver": "local", "Mode": mode,
                                "RW": .bool(!mount.readOnly), "Propagation": ""])
            }
        }
    }
}
