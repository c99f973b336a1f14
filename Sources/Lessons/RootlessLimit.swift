/// Something only the host's root may do, which keeps a step from running in rootless mode.
///
/// A lesson names it with `rootless=KIND` on the step (the same word in every translation; the
/// player says why in the learner's language), and the player finds the common ones in
/// `dockyard` commands by itself: resource limits, low ports, networks of their own.
public enum RootlessLimit: String, Sendable, Equatable, CaseIterable {
    /// The step needs a cgroup of its own (`-m`, `--cpus`, …): only root, or a delegated subtree.
    case cgroup
    /// The step binds a port below `net.ipv4.ip_unprivileged_port_start`.
    case port
    /// The step makes or opens device nodes the host has not handed to the user.
    case device
    /// The step creates bridges, veths or networks in the host's network namespace.
    case network
    /// The step changes a setting of the whole host (sysctl, the host's own cgroups).
    case host
    /// The step maps ids the user's namespace does not hold (`--userns remap` shifts by 100000).
    case ids
}

extension Step {
    /// `dockyard run`/`create` flags that need a cgroup of the container's own.
    static let cgroupFlags: Set<String> = [
        "-m", "--memory", "--memory-swap", "--memory-reservation", "--cpus", "--cpu-shares", "-c",
        "--cpu-quota", "--cpu-period", "--cpuset-cpus", "--pids-limit", "--blkio-weight",
    ]

    /// Why rootless mode with `abilities` cannot run this step; nil when it can.
    /// The lesson's own `rootless=` comes first, then what its `dockyard` commands ask for.
    public func rootlessLimit(_ abilities: RootlessAbilities) -> RootlessLimit? {
        if let declared = attributes["rootless"].flatMap(RootlessLimit.init(rawValue:)) {
            let lifted = (declared == .cgroup && abilities.cgroupsDelegated) || (declared == .network && abilities.defaultNetwork)
            return lifted ? nil : declared
        }
        guard language == "dockyard" else { return nil }
        for command in commands {
            if let limit = Self.rootlessLimit(of: ShellWords.split(command), abilities) { return limit }
        }
        return nil
    }

    /// What one `dockyard …` command line needs that rootless mode lacks.
    static func rootlessLimit(of words: [String], _ abilities: RootlessAbilities) -> RootlessLimit? {
        guard words.count >= 2, words[0] == "dockyard" else { return nil }
        // User networks live in the user's own network namespace, whose way out is pasta: with
        // pasta they run for real, as the default network does.
        if words[1] == "network", words.count >= 3, ["create", "rm", "connect", "disconnect"].contains(words[2]) {
            return abilities.defaultNetwork ? nil : .network
        }
        // build's RUN steps run on the default network too.
        if words[1] == "build" && !abilities.defaultNetwork { return .network }
        guard ["run", "create"].contains(words[1]) else { return nil }
        let options = runOptions(words.dropFirst(2))
        if !abilities.defaultNetwork && !options.contains(where: { $0.flag == "--network" || $0.flag == "--net" }) {
            return .network
        }
        for (flag, value) in options {
            if cgroupFlags.contains(flag), !abilities.cgroupsDelegated { return .cgroup }
            if flag == "-p" || flag == "--publish", let port = hostPort(value), port < abilities.unprivilegedPortStart {
                return .port
            }
            if flag == "--network" || flag == "--net", !["none", "host"].contains(value), !abilities.defaultNetwork { return .network }
            if flag == "--userns", value == "remap" { return .ids }
        }
        return nil
    }

    /// `run`'s flags that take no value; every other flag takes the next word (or `=value`).
    static let switchFlags: Set<String> = [
        "--rm", "-d", "--detach", "-i", "--interactive", "-t", "--tty", "-it", "-ti", "--privileged",
        "--init", "--read-only", "-P", "--publish-all", "--simulate", "--explain", "-q", "--quiet",
    ]

    /// The options of `run` before the image, as flag and value; the container's own command
    /// (`sh -c …`) is not read.
    static func runOptions(_ words: ArraySlice<String>) -> [(flag: String, value: String)] {
        var options: [(flag: String, value: String)] = []
        var rest = words
        while let word = rest.first, word.hasPrefix("-") {
            rest = rest.dropFirst()
            if let equals = word.firstIndex(of: "=") {
                options.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
            } else if switchFlags.contains(word) {
                options.append((word, ""))
            } else {
                options.append((word, rest.first ?? ""))
                rest = rest.dropFirst()
            }
        }
        return options
    }

    /// The host port of `-p [IP:]HOST:CONTAINER[/proto]`; nil without one (`-p 80` picks a free port).
    static func hostPort(_ spec: String) -> Int? {
        let parts = spec.split(separator: "/").first.map { $0.split(separator: ":", omittingEmptySubsequences: false) } ?? []
        guard parts.count >= 2 else { return nil }
        return Int(parts[parts.count - 2].split(separator: "-").first ?? "")
    }
}
