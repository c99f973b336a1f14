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
                ContainerCommand.self, ImageCommand.self, NetworkCommand.self, SystemCommand.self, VolumeCommand.self,
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
    /// A bad flag or argument exits with 125, as Docker's CLI does (ArgumentParser's own
    /// convention is 64), after the message and a pointer to the command's help.
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
        do {
            var command = try quickRun(arguments) ?? parseAsRoot(arguments)
            try command.run()
            Glibc.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                StandardError.line("dockyard: " + message(for: error))
                let verbs = configuration.subcommands.compactMap { $0.configuration.commandName }
                let verb = arguments.first.flatMap { verbs.contains($0) ? " \($0)" : nil } ?? ""
                StandardError.line("See 'dockyard\(verb) --help'.")
                Glibc.exit(125)
            }
            exit(withError: error)
        }
    }

    /// `dockyard run …` read by `RunCommandQuickParser` when it knows every word, else parsed as
    /// `run` alone, skipping the tree of all 36 verbs: ArgumentParser builds every level's argument
    /// set through reflection, and at start-up each first use of a type costs a search of the
    /// runtime's conformance tables. Any error or request for help (`RunCommand.parse` throws for
    /// those) gives nil, and the full parse above then prints exactly what it always does, e.g.
    /// "USAGE: dockyard run …" rather than "USAGE: run …".
    static func quickRun(_ arguments: [String]) -> (any ParsableCommand)? {
        guard arguments.first == RunCommand.configuration.commandName else { return nil }
        let words = Array(arguments.dropFirst())
        if let command = RunCommandQuickParser.parse(words) { return command }
        guard let command = try? RunCommand.parse(words) else { return nil }
        return command
    }
}
