/// Plain-language explanations of what each instruction does to the image, for the teaching view
/// of `dockyard parse`.
extension Instruction {
    /// What an instruction changes: a new stage, a new filesystem layer, only the image's
    /// configuration, or nothing that is kept (build-time only).
    public enum Effect: String, Sendable {
        case stage, layer, config, build, trigger
    }

    public var effect: Effect {
        switch keyword {
        case .from: return .stage
        case .run, .copy, .add: return .layer
        case .arg: return .build
        case .onbuild: return .trigger
        default: return .config
        }
    }

    /// One sentence saying what this instruction will do to the image.
    public var explanation: String {
        switch details {
        case .from(let image, let stage, let platform):
            let named = stage.map { " named \"\($0)\"" } ?? ""
            let forPlatform = platform.map { " (platform \($0))" } ?? ""
            if image.lowercased() == "scratch" {
                return "Starts a new stage\(named) from an empty filesystem: nothing is inherited, every file must be added."
            }
            return "Starts a new stage\(named) from the image \(image)\(forPlatform): its layers and settings are the starting point."
        case .run(let form):
            let mounts = flags.filter { $0.name == "mount" }.count
            let withMounts = mounts == 0 ? "" : mounts == 1 ? ", with a mount that is not saved in the image"
                                                            : ", with \(mounts) mounts that are not saved in the image"
            if !heredocs.isEmpty {
                let names = heredocs.map(\.name).joined(separator: ", ")
                let onlyMarkers = arguments.first.map { WordSplitter.whitespace(Array($0.unicodeScalars)[...]).allSatisfy { $0.text.contains("<<") } } ?? true
                let what = onlyMarkers ? "the script in heredoc \(names)" : "`\(Self.short(arguments.first ?? ""))` with heredoc \(names) as input"
                return "Runs \(what) in a container of the image so far\(withMounts), and saves the files it changes as a new layer."
            }
            switch form {
            case .shell(let command):
                return "Runs `\(Self.short(command))` with /bin/sh -c in a container of the image so far\(withMounts), and saves the files it changes as a new layer."
            case .exec(let argv):
                return "Runs \(argv.first ?? "nothing") directly (no shell) in a container of the image so far\(withMounts), and saves the files it changes as a new layer."
            }
        case .cmd(let form):
            return "Sets the default command a container runs when `run` gives none: \(Self.describe(form)); a config change only, no new layer."
        case .entrypoint(let form):
            return "Sets the program every container starts with, \(Self.describe(form)), which receives CMD or the `run` arguments; a config change only."
        case .copy(let sources, let destination):
            let origin = flag("from").map { "stage or image \"\($0)\"" } ?? "the build context"
            return "Copies \(Self.list(sources)) from \(origin) to \(destination) in the image, as a new layer."
        case .add(let sources, let destination):
            return "Adds \(Self.list(sources)) to \(destination) as a new layer; unlike COPY it can download URLs and unpacks local tar archives."
        case .env(let pairs):
            return "Sets the environment variable\(pairs.count == 1 ? "" : "s") \(pairs.map(\.key).joined(separator: ", ")) for the following instructions and for every container; a config change only."
        case .label(let pairs):
            return "Attaches the label\(pairs.count == 1 ? "" : "s") \(pairs.map(\.key).joined(separator: ", ")) to the image's metadata; a config change only."
        case .arg(let declarations):
            let names = declarations.map { d in d.defaultValue.map { "\(d.name) (default \($0))" } ?? d.name }.joined(separator: ", ")
            return "Declares the build argument\(declarations.count == 1 ? "" : "s") \(names), settable with --build-arg; available while building only, not stored in the image."
        case .workdir(let path):
            return "Makes \(path) the working directory for the following instructions and for containers, creating it if needed."
        case .user(let user):
            return "Runs the following instructions and containers as user \(user) instead of root; a config change only."
        case .expose(let ports):
            return "Records that containers listen on \(ports.map(\.text).joined(separator: ", ")); documentation in the config, it does not publish any port."
        case .volume(let paths):
            return "Marks \(Self.list(paths)) as volume\(paths.count == 1 ? "" : "s"): each container gets a separate mount there, kept out of its own layer."
        case .shell(let argv):
            return "Makes \(argv.joined(separator: " ")) the shell for the shell form of later RUN, CMD and ENTRYPOINT; a config change only."
        case .stopSignal(let signal):
            return "Makes \(signal) the signal sent to stop a container (instead of SIGTERM); a config change only."
        case .healthcheck(.none):
            return "Turns off any health check inherited from the base image; a config change only."
        case .healthcheck(.check(let command, let interval, _, _, _, _)):
            return "Has the engine run \(Self.describe(command)) every \(interval?.text ?? "30s") to tell whether a container is healthy; a config change only."
        case .onbuild(let trigger):
            return "Stores a trigger: \(trigger.keyword.rawValue) will run when another image is built FROM this one; nothing happens in this build."
        case .maintainer(let name):
            return "Records \(name) as the author (deprecated: prefer LABEL maintainer=…); a config change only."
        }
    }

    private static func describe(_ form: CommandForm) -> String {
        switch form {
        case .shell(let command): return "`\(short(command))` through /bin/sh -c"
        case .exec(let argv): return "`\(short(argv.joined(separator: " ")))` directly, without a shell"
        }
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "nothing"
        case 1: return items[0]
        case 2, 3: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        default: return "\(items[0]), \(items[1]) and \(items.count - 2) more"
        }
    }

    static func short(_ text: String, limit: Int = 60) -> String {
        let single = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        guard single.count > limit else { return single }
        return String(single.prefix(limit - 1)) + "…"
    }
}
