import ArgumentParser

/// `dockyard image`: the image verbs grouped under one noun, as `docker image` groups them.
/// `ls` and `rm` are other names for `images` and `rmi`; the rest are the top-level verbs themselves.
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Manage images.",
        subcommands: [
            ImageListCommand.self, ImageInspectCommand.self, ImageRemoveCommand.self, ImagePruneCommand.self,
            HistoryCommand.self, TagCommand.self, SaveCommand.self, LoadCommand.self, ImportCommand.self,
            PullCommand.self, PushCommand.self, BuildCommand.self,
        ])
}

/// `dockyard image ls`: `dockyard images` by its other name.
struct ImageListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List images.", aliases: ["list"])

    @OptionGroup var images: ImagesCommand

    func run() throws { try images.run() }
}

/// `dockyard image rm`: `dockyard rmi` by its other name.
struct ImageRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more images.", aliases: ["rmi"])

    @OptionGroup var rmi: RmiCommand

    func validate() throws { try rmi.validate() }
    func run() throws { try rmi.run() }
}
