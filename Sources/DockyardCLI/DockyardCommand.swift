import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The root of the `dockyard` command tree. Each verb lives in its own file.
public struct DockyardCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dockyard",
        abstract: "Build and run real containers, and see every kernel object they create.",
        version: "0.1.0",
        // Grouped as `docker --help` groups them (Common, Management, the other commands), then
        // Dockyard's own verbs. ArgumentParser titles each group "NAME SUBCOMMANDS".
        subcommands: [MonitorCommand.self],   // `_monitor`, hidden
        groupedSubcommands: [
            CommandGroup(name: "Common", subcommands: [
                RunCommand.self, ExecCommand.self, PsCommand.self, BuildCommand.self, PullCommand.self,
                PushCommand.self, ImagesCommand.self, LoginCommand.self, LogoutCommand.self,
                VersionCommand.self, InfoCommand.self,
            ]),
            CommandGroup(name: "Management", subcommands: [
                ContainerCommand.self, ImageCommand.self, KubeCommand.self, NetworkCommand.self, PodCommand.self, SystemCommand.self, VolumeCommand.self,
            ]),
            CommandGroup(name: "Other", subcommands: [
                AttachCommand.self, CommitCommand.self, CpCommand.self, CreateCommand.self, DiffCommand.self,
                EventsCommand.self, ExportCommand.self, HistoryCommand.self, ImportCommand.self, InspectCommand.self,
                KillCommand.self, LoadCommand.self, LogsCommand.self, PauseCommand.self, PortCommand.self,
                RenameCommand.self, RestartCommand.self, RmCommand.self, RmiCommand.self, SaveCommand.self,
                StartCommand.self, StatsCommand.self, StopCommand.self, TagCommand.self, TopCommand.self,
                UnpauseCommand.self, UpdateCommand.self, WaitCommand.self,
            ]),
            CommandGroup(name: "Dockyard", subcommands: [
                LearnCommand.self, LessonsCommand.self, CourseCommand.self, ParseCommand.self, UnshareCommand.self,
            ]),
        ]
    )

    public init() {}

    /// Parses and runs one command line (without the program name), then exits.
    ///
    /// A bad flag exits with 125, as Docker's CLI does (ArgumentParser's own convention is 64),
    /// after the message and a pointer to the command's help; too few arguments for a command,
    /// or an unknown command, exit with 1, as docker/cli's cobra usage errors do. Docker's
    /// spellings of flags are rewritten first (`DockerArgumentSyntax`).
    /// `rootlessJoin` is what the executable's entry code did before main (RootlessEntry).
    public static func start(arguments: [String], rootlessJoin: Int32 = 0) -> Never {
        RootlessEntry.noteJoin(rootlessJoin)
        let arguments = ExplainMode.normalize(arguments)
        // A reader that went away (a container's stdin pipe, `dockyard logs | head`) must give
        // EPIPE, which each writer handles, not a silent death with status 141.
        signal(SIGPIPE, SIG_IGN)
        // ArgumentParser would build the argument sets of every verb to find this flag
        // (9 M instructions, two thirds of the start-up); it prints the version and a newline.
        if arguments == ["--version"], case let version = configuration.version, !version.isEmpty {
            print(version)
            Glibc.exit(0)
        }
        var words = arguments
        do {
            if let quick = try quickRun(arguments) ?? PsCommandQuickParser.command(for: arguments)
                ?? ExecCommandQuickParser.command(for: arguments) {
                var command = quick
                try command.run()
                Glibc.exit(0)
            }
            words = try dockerSyntax(arguments)
            var command: any ParsableCommand
            do {
                command = try parseAsRoot(words)
            } catch {
                // What pflag reads and ArgumentParser refuses as it stands (`--entrypoint -x`, an
                // option's value starting with a dash) parses once rewritten.
                let rewritten = try dockerSyntax(arguments, always: true)
                guard rewritten != words else { throw error }
                words = rewritten
                command = try parseAsRoot(words)
            }
            try command.run()
            Glibc.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // docker/cli: a flag error is status 125; an unknown command, or a command given
                // too few words, is a usage error with status 1.
                if let verb = arguments.first, !verb.hasPrefix("-"), commandType(for: [verb]).path.isEmpty {
                    StandardError.line("dockyard: unknown command: dockyard \(verb)\n\nRun 'dockyard --help' for more information")
                    Glibc.exit(1)
                }
                if let usage = usageError(words) {
                    StandardError.line("dockyard: " + usage)
                    Glibc.exit(1)
                }
                StandardError.line("dockyard: " + message(for: error))
                let verbs = configuration.subcommands.compactMap { $0.configuration.commandName }
                let verb = arguments.first.flatMap { verbs.contains($0) ? " \($0)" : nil } ?? ""
                StandardError.line("See 'dockyard\(verb) --help'.")
                Glibc.exit(125)
            }
            exit(withError: error)
        }
    }

    /// The command type a line names (`["network", "create", …]` names NetworkCreateCommand),
    /// and the verb words that named it; an empty path when the first word is no verb.
    static func commandType(for words: [String]) -> (type: any ParsableCommand.Type, path: [String]) {
        var type: any ParsableCommand.Type = DockyardCommand.self
        var path: [String] = []
        for word in words {
            let names = { (sub: any ParsableCommand.Type) in [sub._commandName] + sub.configuration.aliases }
            guard let sub = type.configuration.subcommands.first(where: { names($0).contains(word) }) else { break }
            type = sub
            path.append(word)
        }
        if path.isEmpty, words.first == "help" { path = ["help"] }
        return (type, path)
    }

    /// The line in pflag's spellings rewritten for ArgumentParser (`DockerArgumentSyntax`); a
    /// line with nothing to rewrite is returned as it is, without reading the command's shape
    /// (nor the verbs' configurations), unless `always`.
    static func dockerSyntax(_ arguments: [String], always: Bool = false) throws -> [String] {
        guard always || DockerArgumentSyntax.mayNeedRewriting(arguments) else { return arguments }
        let (type, path) = commandType(for: arguments)
        let words = Array(arguments.dropFirst(path.count))
        guard !path.isEmpty, path != ["help"] else { return arguments }
        do {
            return path + (try CommandShape(of: type).syntax.normalize(words))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Docker's usage error for `arguments` when its command was given too few positional words
    /// (`'dockyard run' requires at least 1 argument`); nil otherwise,
    /// and for a request for help or a line whose flags are wrong (Docker checks flags first).
    static func usageError(_ arguments: [String]) -> String? {
        let (type, path) = commandType(for: arguments)
        guard !path.isEmpty, path != ["help"], !arguments.contains("--help") else { return nil }
        let shape = CommandShape(of: type)
        guard let words = try? shape.syntax.normalize(Array(arguments.dropFirst(path.count))) else { return nil }
        // Docker checks the flags before the arguments: a line with an unknown flag is a flag error.
        let known = shape.syntax.flags.union(shape.syntax.options).union(["help"])
        for word in words {
            if word == "--" || (shape.syntax.stopsAtFirstPositional && !word.hasPrefix("-")) { break }
            guard word.hasPrefix("-"), word != "-" else { continue }
            let name = word.hasPrefix("--") ? String(word.dropFirst(2).prefix(while: { $0 != "=" })) : ""
            if !known.contains(name) { return nil }
        }
        let commandPath = (["dockyard"] + path).joined(separator: " ")
        return shape.usageError(words, path: commandPath)
    }

    /// `dockyard run …` read by `RunCommandQuickParser` when it knows every word, else parsed as
    /// `run` alone, skipping the tree of all 36 verbs: ArgumentParser builds every level's argument
    /// set through reflection, and at start-up each first use of a type costs a search of the
    /// runtime's conformance tables. Any error or request for help (`RunCommand.parse` throws for
    /// those) gives nil, and the full parse above then prints exactly what it always does, e.g.
    /// "USAGE: dockyard run …" rather than "USAGE: run …". (`ps`'s usual lines have their own
    /// shortcut, `PsCommandQuickParser`.)
    static func quickRun(_ arguments: [String]) throws -> (any ParsableCommand)? {
        guard arguments.first == RunCommand.verb else { return nil }
        func rewritten(_ words: [String]) throws -> [String] {
            do { return try RunCommandQuickParser.syntax.normalize(words) } catch { throw ValidationError("\(error)") }
        }
        // Only a line with a pflag-only spelling is rewritten first: the usual one pays nothing.
        let given = Array(arguments.dropFirst())
        let words = DockerArgumentSyntax.mayNeedRewriting(given) ? try rewritten(given) : given
        if let command = RunCommandQuickParser.parse(words) ?? (try? RunCommand.parse(words)) { return command }
        let again = try rewritten(words)   // e.g. `--entrypoint -x`, an option's value starting with a dash
        guard again != words else { return nil }
        return RunCommandQuickParser.parse(again) ?? (try? RunCommand.parse(again))
    }
}
