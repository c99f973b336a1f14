import DockerfileSyntax
import HostSystem
import OCI

/// The Dockerfile instructions that change only an image's config — ENV, LABEL, MAINTAINER, CMD,
/// ENTRYPOINT, USER, EXPOSE, VOLUME, SHELL, STOPSIGNAL, HEALTHCHECK, ONBUILD — applied to a stage.
/// A build applies them as steps; `commit --change` and `import --change` apply them to an
/// image's config through this same code, as Docker's commit goes through its builder.
struct ConfigEditor {
    let lexer: ShellLexer
    let fileName: String

    /// Expands `$VAR` and `${VAR…}` in an instruction's word, as Docker does for the
    /// instructions that take variables (FROM, COPY, ADD, ENV, LABEL, WORKDIR, USER, …).
    func expand(_ word: String, in scope: [String: String], for instruction: Instruction) throws -> String {
        do {
            return try lexer.expand(word, environment: scope)
        } catch {
            throw BuildError(error.message, at: instruction, file: fileName)
        }
    }

    /// Applies one config instruction; returns the field it changed and its new value, for
    /// the explain event (nil for an instruction that changes nothing here).
    func apply(_ instruction: Instruction, to state: inout StageState) throws -> (String, String)? {
        let scope = state.expansionScope
        var config = state.containerConfig
        var change: (String, String)?
        switch instruction.details {
        case let .env(pairs):
            for pair in pairs {
                let value = try expand(pair.value, in: state.expansionScope, for: instruction)
                state.setEnvironment(pair.key, value)
                change = ("Env", "\(pair.key)=\(value)")
            }
            config = state.containerConfig
        case let .label(pairs):
            var labels = config.labels ?? [:]
            for pair in pairs {
                let key = try expand(pair.key, in: scope, for: instruction)
                labels[key] = try expand(pair.value, in: scope, for: instruction)
                change = ("Labels", "\(key)=\(labels[key] ?? "")")
            }
            config.labels = labels
        case let .maintainer(name):
            state.config.author = name
            change = ("Author", name)
        case let .cmd(form):
            config.cmd = commandLine(form, state: state)
            change = ("Cmd", Self.json(config.cmd ?? []))
        case let .entrypoint(form):
            // `ENTRYPOINT []` clears the base image's entrypoint: BuildKit stores none rather than an empty list.
            let entrypoint = commandLine(form, state: state)
            config.entrypoint = entrypoint.isEmpty ? nil : entrypoint
            // Docker's rule: a new ENTRYPOINT drops the CMD inherited from the base image.
            if !state.cmdSetInStage { config.cmd = nil }
            change = ("Entrypoint", Self.json(config.entrypoint ?? []))
        case let .user(user):
            config.user = try expand(user, in: scope, for: instruction)
            change = ("User", config.user ?? "")
        case let .expose(ports):
            var exposed = Set(config.exposedPorts ?? [])
            for port in ports {
                let text = try expand(port.text, in: scope, for: instruction)
                for item in try Self.expandPorts(text, instruction: instruction, file: fileName) { exposed.insert(item) }
            }
            config.exposedPorts = exposed.sorted()
            change = ("ExposedPorts", config.exposedPorts?.joined(separator: " ") ?? "")
        case let .volume(paths):
            var volumes = Set(config.volumes ?? [])
            for path in paths { volumes.insert(try expand(path, in: scope, for: instruction)) }
            config.volumes = volumes.sorted()
            change = ("Volumes", config.volumes?.joined(separator: " ") ?? "")
        case let .shell(words):
            config.shell = words
            change = ("Shell", Self.json(words))
        case let .stopSignal(signal):
            config.stopSignal = try stopSignal(signal, in: scope, for: instruction)
            change = ("StopSignal", config.stopSignal ?? "")
        case let .healthcheck(spec):
            config.healthcheck = healthcheck(spec, state: state)
            change = ("Healthcheck", Self.json(config.healthcheck?.test ?? []))
        case .onbuild:
            // The trigger as written after ONBUILD, with its heredoc bodies (as BuildKit keeps
            // them), so that a `RUN <<EOF` trigger still has its script when it runs.
            var trigger = instruction.original.drop { $0 == " " || $0 == "\t" }.dropFirst("ONBUILD".count)
                .trimmed
            for heredoc in instruction.heredocs {
                trigger += "\n" + heredoc.content + (heredoc.content.hasSuffix("\n") || heredoc.content.isEmpty ? "" : "\n") + heredoc.name
            }
            config.onBuild = (config.onBuild ?? []) + [trigger]
            change = ("OnBuild", trigger)
        default:
            break
        }
        if case .cmd = instruction.details { state.cmdSetInStage = true }
        state.containerConfig = config
        return change
    }

    /// STOPSIGNAL with its variables expanded: the parser checked a fixed word, and a word with
    /// `$VAR` is checked here, once its value is known, as BuildKit does.
    func stopSignal(_ word: String, in scope: [String: String], for instruction: Instruction) throws -> String {
        let signal = try expand(word, in: scope, for: instruction)
        guard Signal.number(named: signal) != nil else {
            throw BuildError("STOPSIGNAL \(word): unknown signal \"\(signal)\": use a name such as SIGTERM or SIGQUIT, or a number",
                             at: instruction, file: fileName)
        }
        return signal
    }

    /// CMD, ENTRYPOINT and HEALTHCHECK commands: exec form as written, shell form through SHELL.
    func commandLine(_ form: CommandForm, state: StageState) -> [String] {
        switch form {
        case let .exec(words): words
        case let .shell(text): state.shell + [text]
        }
    }

    func healthcheck(_ spec: HealthcheckSpec, state: StageState) -> ContainerConfig.Healthcheck {
        switch spec {
        case .none:
            return ContainerConfig.Healthcheck(test: ["NONE"])
        case let .check(command, interval, timeout, startPeriod, _, retries):
            let test: [String]
            switch command {
            case let .exec(words): test = ["CMD"] + words
            case let .shell(text): test = ["CMD-SHELL", text]
            }
            return ContainerConfig.Healthcheck(test: test, interval: interval?.nanoseconds, timeout: timeout?.nanoseconds,
                                               startPeriod: startPeriod?.nanoseconds, retries: retries)
        }
    }

    /// `80`, `80/udp`, `8000-8002` → the ports, each with its protocol, as the config lists them.
    static func expandPorts(_ text: String, instruction: Instruction, file: String) throws -> [String] {
        let parts = text.split(separator: "/", maxSplits: 1)
        let proto = parts.count > 1 ? String(parts[1]).lowercased() : "tcp"
        let range = parts.first.map(String.init) ?? ""
        let bounds = range.split(separator: "-").map { Int($0) }
        guard ["tcp", "udp", "sctp"].contains(proto), bounds.count == 1 || bounds.count == 2,
              let low = bounds.first ?? nil, let high = bounds.last ?? nil, low >= 0, high <= 65535, low <= high else {
            throw BuildError("invalid port \"\(text)\" in EXPOSE", at: instruction, file: file)
        }
        return (low...high).map { "\($0)/\(proto)" }
    }

    static func json(_ words: [String]) -> String {
        "[" + words.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]"
    }
}
