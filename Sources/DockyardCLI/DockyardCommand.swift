import ArgumentParser

/// The root of the `dockyard` command tree. Each verb lives in its own file.
public struct DockyardCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dockyard",
        abstract: "Build and run real containers, and see every kernel object they create.",
        version: "0.1.0",
        subcommands: [
            ParseCommand.self,
        ]
    )

    public init() {}
}
