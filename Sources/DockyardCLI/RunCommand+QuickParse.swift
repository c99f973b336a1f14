/// `dockyard run`'s usual command lines, read without ArgumentParser.
///
/// ArgumentParser reads a command by reflection: it builds the argument set of `run` and its five
/// option groups with `Mirror` and decodes the values through `Decodable`, and at start-up each
/// first use of a generic type in that machinery costs a search of the runtime's conformance
/// tables. Measured with callgrind on a release build, that was 24 M of the 45 M instructions
/// `run --rm --network none busybox true` executed, more than the whole container's start.
///
/// This reader knows `run`'s flags and options in the spellings ArgumentParser accepts for them
/// (`--name x`, `--name=x`, `-e x`, clustered short flags such as `-it`), fills a `RunCommand`
/// through its property wrappers' setters and runs the same `validate()`s. Anything else — help,
/// an unknown or malformed flag, a value ArgumentParser would refuse, a failed validation, `--`
/// before the image — gives nil, and ArgumentParser then parses the line and prints exactly what
/// it always printed. A test compares both readers' results field by field on many lines.
struct RunCommandQuickParser {
    private var flags: Set<String> = []
    private var values: [String: [String]] = [:]

    /// Flags without a value, by their long name; `short` maps the one-letter spellings.
    private static let flagNames: Set<String> = [
        "rm", "detach", "init", "interactive", "tty", "privileged", "read-only", "simulate", "publish-all",
        "oom-kill-disable",
        "no-healthcheck",
    ]
    private static let optionNames: Set<String> = [
        "restart", "stop-signal", "stop-timeout", "name", "hostname", "env", "workdir", "user", "group-add",
        "entrypoint", "memory", "cpus", "pids-limit", "network", "publish", "volume", "tmpfs", "cap-add",
        "cap-drop", "security-opt", "userns", "device", "explain", "pull", "root", "mount",
        "memory-swap", "memory-reservation", "cpu-shares", "cpuset-cpus", "shm-size", "ulimit", "sysctl",
        "device-read-bps", "device-write-bps",
        "add-host", "dns", "dns-search", "label", "label-file", "env-file", "expose", "cidfile", "platform", "attach",
        "health-cmd", "health-interval", "health-timeout", "health-start-period", "health-retries", "log-driver", "log-opt",
        "cgroupns",
        "pid", "ipc", "uts", "pod",
    ]
    private static let short: [Character: String] = [
        "d": "detach", "i": "interactive", "t": "tty", "P": "publish-all",
        "h": "hostname", "e": "env", "w": "workdir", "u": "user", "m": "memory", "p": "publish", "v": "volume",
        "c": "cpu-shares", "l": "label", "a": "attach",
    ]

    /// `run`'s flags in Docker's spellings (`-p8080:80`, `--rm=false`, `-dit`), rewritten by the
    /// same tables before either reader sees them (DockerArgumentSyntax).
    static let syntax = DockerArgumentSyntax(flags: flagNames, options: optionNames, short: short, stopsAtFirstPositional: true)

    /// The command for `arguments` (the words after `run`), or nil when ArgumentParser must read them.
    static func parse(_ arguments: [String]) -> RunCommand? {
        var parser = RunCommandQuickParser()
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            guard let consumed = parser.read(arguments, at: index) else { return nil }
            index += consumed
        }
        guard index < arguments.count, !arguments[index].isEmpty else { return nil }
        return parser.command(image: arguments[index], command: Array(arguments[(index + 1)...]))
    }

    /// Reads the flag or option at `index`; returns how many words it took, or nil if unsure.
    private mutating func read(_ arguments: [String], at index: Int) -> Int? {
        let word = arguments[index]
        let next = index + 1 < arguments.count ? arguments[index + 1] : nil
        if word.hasPrefix("--") {
            let body = word.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                let name = String(body[..<equals])
                guard Self.optionNames.contains(name) else { return nil }
                values[name, default: []].append(String(body[body.index(after: equals)...]))
                return 1
            }
            return take(String(body), next: next)
        }
        // One short option with its value as the next word, or a cluster of short flags (`-it`).
        let letters = word.dropFirst()
        guard !letters.isEmpty else { return nil }
        if letters.count == 1, let name = Self.short[letters[letters.startIndex]], Self.optionNames.contains(name) {
            return take(name, next: next)
        }
        for letter in letters {
            guard let name = Self.short[letter], Self.flagNames.contains(name) else { return nil }
            flags.insert(name)
        }
        return 1
    }

    /// A long flag, or a long option whose value is the next word (never one that looks like a flag).
    private mutating func take(_ name: String, next: String?) -> Int? {
        if Self.flagNames.contains(name) {
            flags.insert(name)
            return 1
        }
        guard Self.optionNames.contains(name), let next, !next.hasPrefix("-") else { return nil }
        values[name, default: []].append(next)
        return 2
    }
}

extension RunCommandQuickParser {
    /// Options that take a list; any other given twice is left to ArgumentParser.
    private static let listNames: Set<String> = ["env", "group-add", "publish", "volume", "tmpfs", "cap-add", "cap-drop",
                                                 "security-opt", "device", "mount", "ulimit", "sysctl", "add-host", "dns",
                                                 "dns-search", "label", "label-file", "env-file", "expose", "attach", "log-opt",
                                                 "device-read-bps", "device-write-bps"]

    /// The command, every property set (a property ArgumentParser never set would trap when read),
    /// after the checks ArgumentParser runs; nil if a value is not one it would take.
    fileprivate func command(image: String, command arguments: [String]) -> RunCommand? {
        for (name, given) in values where given.count > 1 && !Self.listNames.contains(name) { return nil }
        func flag(_ name: String) -> Bool { flags.contains(name) }
        func number<N: FixedWidthInteger>(_ name: String, as: N.Type) -> N?? {
            guard let text = one(name) else { return .some(nil) }
            return N(text).map { .some($0) }
        }
        guard let stopTimeout = number("stop-timeout", as: Int.self), let pidsLimit = number("pids-limit", as: Int64.self),
              let healthRetries = number("health-retries", as: Int.self)
        else { return nil }
        var explain: ExplainMode?
        if let text = one("explain") { guard let mode = ExplainMode(rawValue: text) else { return nil }; explain = mode }
        var pull = PullPolicy.missing
        if let text = one("pull") { guard let policy = PullPolicy(rawValue: text) else { return nil }; pull = policy }

        var run = RunCommand()
        run.rm = flag("rm"); run.detach = flag("detach"); run.`init` = flag("init")
        run.restart = one("restart") ?? "no"; run.stopSignal = one("stop-signal"); run.stopTimeout = stopTimeout
        run.name = one("name"); run.hostname = one("hostname"); run.env = list("env"); run.workdir = one("workdir")
        run.user = one("user"); run.groupAdd = list("group-add"); run.entrypoint = one("entrypoint")
        run.memory = one("memory"); run.cpus = one("cpus"); run.pidsLimit = pidsLimit
        run.network = one("network") ?? "bridge"
        run.cgroupns = one("cgroupns") ?? "private"
        run.pid = one("pid"); run.ipc = one("ipc"); run.uts = one("uts"); run.pod = one("pod")
        run.interactive = flag("interactive"); run.tty = flag("tty")
        run.explain = explain; run.pull = pull; run.simulate = flag("simulate")
        run.image = image; run.command = arguments

        var publishing = PublishOptions()
        publishing.publish = list("publish"); publishing.publishAll = flag("publish-all")
        var volumes = VolumeOptions()
        volumes.volume = list("volume"); volumes.tmpfs = list("tmpfs"); volumes.readOnly = flag("read-only")
        var security = SecurityFlags()
        security.privileged = flag("privileged"); security.capAdd = list("cap-add"); security.capDrop = list("cap-drop")
        security.securityOpt = list("security-opt"); security.userns = one("userns") ?? "host"
        var devices = DeviceFlags()
        devices.device = list("device")
        volumes.mount = list("mount")
        run.healthCmd = one("health-cmd"); run.healthInterval = one("health-interval")
        run.healthTimeout = one("health-timeout"); run.healthStartPeriod = one("health-start-period")
        run.healthRetries = healthRetries; run.noHealthcheck = flag("no-healthcheck")
        run.logDriver = one("log-driver"); run.logOpt = list("log-opt")
        var storage = StorageOptions()
        storage.root = one("root")
        run.publishing = publishing; run.volumes = volumes; run.security = security; run.devices = devices
        run.storage = storage
        setSettings(of: &run)

        do {
            try publishing.validate(); try volumes.validate(); try security.validate(); try devices.validate()
            try run.validate()
        } catch {
            return nil
        }
        return run
    }

    private func setSettings(of run: inout RunCommand) {
        run.memorySwap = one("memory-swap"); run.memoryReservation = one("memory-reservation")
        run.oomKillDisable = flags.contains("oom-kill-disable"); run.cpuShares = one("cpu-shares")
        run.cpusetCpus = one("cpuset-cpus"); run.shmSize = one("shm-size")
        run.deviceReadBps = list("device-read-bps"); run.deviceWriteBps = list("device-write-bps")
        run.ulimit = list("ulimit"); run.sysctl = list("sysctl")
        run.addHost = list("add-host"); run.dns = list("dns"); run.dnsSearch = list("dns-search")
        run.label = list("label"); run.labelFile = list("label-file"); run.envFile = list("env-file")
        run.expose = list("expose"); run.cidfile = one("cidfile"); run.platform = one("platform")
        run.attach = list("attach")
    }

    private func one(_ name: String) -> String? { values[name]?.last }
    private func list(_ name: String) -> [String] { values[name] ?? [] }
}
