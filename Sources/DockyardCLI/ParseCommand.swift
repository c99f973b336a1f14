import ArgumentParser

/// `dockyard parse`: placeholder until the Dockerfile parser lands.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Show how a Dockerfile is read, instruction by instruction.")

    @Argument(help: "The Dockerfile to read.") var file: String
}
