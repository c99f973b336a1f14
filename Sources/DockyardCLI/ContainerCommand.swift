import ArgumentParser

/// `dockyard container`: the container verbs grouped under one noun, as `docker container` groups
/// them. Each is the same command as its top-level form (`container start` is `start`); `ls` is
/// `ps` by its other name, and `inspect` looks only for containers.
struct ContainerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "container", abstract: "Manage containers.",
        subcommands: [
            AttachCommand.self, CommitCommand.self, CpCommand.self, CreateCommand.self, DiffCommand.self,
            ExecCommand.self, ExportCommand.self, ContainerInspectCommand.self, KillCommand.self, LogsCommand.self,
            ContainerListCommand.self, PauseCommand.self, PortCommand.self, ContainerPruneCommand.self,
            RenameCommand.self, RestartCommand.self, RmCommand.self, RunCommand.self, StartCommand.self,
            StatsCommand.self, StopCommand.self, TopCommand.self, UnpauseCommand.self, UpdateCommand.self,
            WaitCommand.self,
        ])
}

/// `dockyard container ls`: `dockyard ps` by its other name.
struct ContainerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List containers.", aliases: ["list", "ps"])

    @OptionGroup var ps: PsCommand

    func validate() throws { try ps.validate() }
    func run() throws { try ps.run() }
}

/// `dockyard container inspect`: `dockyard inspect --type container`.
struct ContainerInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Display detailed information on one or more containers.")

    @Option(name: [.short, .long], help: "Format the output using a Go template, e.g. '{{.State.Status}}'.") var format: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var names: [String]

    func run() throws {
        var inspect = InspectCommand()
        inspect.type = .container
        inspect.format = format
        inspect.storage = storage
        inspect.names = names
        try inspect.run()
    }
}
