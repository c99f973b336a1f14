import ArgumentParser

/// `dockyard volume`: named volumes, as `docker volume` manages them.
struct VolumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volume", abstract: "Manage volumes.",
        discussion: "A named volume is a directory Dockyard owns (<root>/volumes/NAME/_data) that containers bind-mount with -v NAME:PATH; it outlives them.",
        subcommands: [VolumeCreateCommand.self, VolumeListCommand.self, VolumeInspectCommand.self, VolumeRemoveCommand.self, VolumePruneCommand.self])
}
